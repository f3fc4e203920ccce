import AsyncHTTPClient
import BMSCore
import BMSPayments
import Foundation

// Webhook events: made in Stripe's shape, signed as Stripe signs them, posted to the test's endpoint.
extension FakeStripe {
    func event(_ type: String, _ object: EventObject, account: String? = nil) -> ProviderEvent {
        ProviderEvent(id: StripeID.make("evt"), type: type, created: StripeID.now, account: account, apiVersion: Self.apiVersion, object: object)
    }

    /// The JSON payload of `event` and its `Stripe-Signature` header under the webhook secret (or
    /// `defaultWebhookSecret` without a webhook), signed at `time`, for tests that replay, reorder or
    /// tamper with events themselves.
    public func signedEvent(_ event: ProviderEvent, at time: Date = Date()) throws -> (payload: [UInt8], header: String) {
        let payload = Array(try JSONEncoder().encode(event))
        let signature = WebhookSignature(secret: webhook?.secret ?? Self.defaultWebhookSecret)
        return (payload, signature.header(for: payload, at: time))
    }

    /// Posts each event to the webhook endpoint, one after the other, and records what it answered.
    func deliver(_ events: [ProviderEvent]) async {
        for event in events {
            deliveries.append(WebhookDelivery(event: event, status: await post(event)))
        }
    }

    private func post(_ event: ProviderEvent) async -> Int? {
        guard let url = webhook?.url, let signed = try? signedEvent(event) else { return nil }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        request.headers.add(name: WebhookSignature.headerName, value: signed.header)
        request.body = .bytes(signed.payload)
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }
}
