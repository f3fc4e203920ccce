import BMSCore
import BMSPayments
import Foundation

/// Takes one webhook delivery: checks its `Stripe-Signature` against the endpoint's secret and the clock,
/// reads the event, and has the payments domain act on it. The HTTP route and the demo provider's
/// in-process delivery both come here, so the demo exercises exactly the path Stripe's calls take.
struct WebhookReceiver: Sendable {
    let signature: WebhookSignature
    let payments: PaymentService
    let now: @Sendable () -> Date

    /// Acts on the delivery; a bad signature, a stale timestamp or a body that is not an event throws
    /// `PaymentError.badWebhook` before anything changes.
    @discardableResult
    func receive(payload: [UInt8], signatureHeader: String?) async throws -> ProviderEvent {
        do {
            try signature.verify(payload: payload, header: signatureHeader, now: now())
        } catch {
            throw PaymentError.badWebhook(Self.reason(error))
        }
        let event: ProviderEvent
        do {
            event = try JSONDecoder().decode(ProviderEvent.self, from: Data(payload))
        } catch {
            throw PaymentError.badWebhook("the body is not a provider event")
        }
        try await payments.handle(event)
        return event
    }

    private static func reason(_ failure: WebhookSignature.Failure) -> String {
        switch failure {
        case .malformedHeader: "the Stripe-Signature header is missing or malformed"
        case .staleTimestamp: "the signature's timestamp is more than 5 minutes from now"
        case .mismatch: "the signature does not match the payload"
        }
    }
}
