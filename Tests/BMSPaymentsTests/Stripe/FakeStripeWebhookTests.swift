import BMSCore
import BMSPayments
import Foundation
import Hummingbird
import PaymentsTestSupport
import Testing

@Suite struct FakeStripeWebhookTests {
    static let secret = "whsec_receiver_test"

    /// Runs a webhook endpoint keeping what it receives, and a fake Stripe that posts events to it.
    func withWebhookEndpoint(_ body: (WebhookInbox, FakeStripe, StripePaymentProvider) async throws -> Void) async throws {
        let inbox = WebhookInbox()
        let endpoint = CallbackResponder<BasicRequestContext> { request, _ in
            let payload = try await request.body.collect(upTo: 1 << 20)
            await inbox.keep(payload: Array(payload.readableBytesView), signature: request.headers[.init(WebhookSignature.headerName)!])
            return Response(status: .ok)
        }
        try await withLocalHTTPServer(responder: endpoint) { url in
            try await withFakeStripe(webhook: (url.appending(path: "webhooks/stripe"), Self.secret)) { stripe in
                let provider = StripePaymentProvider(configuration: await stripe.clientConfiguration(), logger: LogRecorder().logger)
                try await body(inbox, stripe, provider)
            }
        }
    }

    @Test func aPaidIntentArrivesAsASignedEvent() async throws {
        try await withWebhookEndpoint { inbox, stripe, provider in
            let intent = try await paidIntent(provider)
            let received = try #require(await inbox.received.first)
            try WebhookSignature(secret: Self.secret).verify(payload: received.payload, header: received.signature, now: Date())

            let event = try JSONDecoder().decode(ProviderEvent.self, from: Data(received.payload))
            #expect(event.id.hasPrefix("evt_") && event.type == "payment_intent.succeeded" && event.apiVersion == "2024-06-20")
            #expect(event.data.object == .paymentIntent(intent))
            #expect(await stripe.deliveries.map(\.status) == [200])
        }
    }

    @Test func aDeclineAndARefundAreSentToo() async throws {
        try await withWebhookEndpoint { inbox, stripe, provider in
            let intent = try await provider.createPaymentIntent(bookingPayment())
            _ = try? await provider.confirmPaymentIntent(intent.id, paymentMethod: "pm_card_chargeDeclined", idempotencyKey: UUID().uuidString)
            let paid = try await provider.confirmPaymentIntent(intent.id, paymentMethod: "pm_card_visa", idempotencyKey: UUID().uuidString)
            _ = try await provider.createRefund(
                RefundRequest(
                    paymentIntent: intent.id, amount: Money(minorUnits: 2_000), reverseTransfer: false, refundApplicationFee: false,
                    metadata: [:], idempotencyKey: UUID().uuidString))

            #expect(await stripe.events.map(\.type) == ["payment_intent.payment_failed", "payment_intent.succeeded", "charge.refunded"])
            #expect(await inbox.received.count == 3)
            guard case .charge(let charge)? = await stripe.events.last?.data.object else {
                Issue.record("charge.refunded without a charge")
                return
            }
            #expect(charge.id == paid.latestCharge && charge.amountRefunded == 2_000 && !charge.refunded)
        }
    }

    @Test func onboardingAndPayoutsAreConnectEvents() async throws {
        try await withWebhookEndpoint { _, stripe, provider in
            let owner = try await onboardedAccount(stripe, provider)
            let payout = try await stripe.payOut(account: owner, amount: 10_800)
            let events = await stripe.events
            #expect(events.map(\.type) == ["account.updated", "payout.paid"])
            #expect(events.allSatisfy { $0.account == owner })
            #expect(events.last?.data.object == .payout(payout))
            #expect(payout.id.hasPrefix("po_") && payout.status == "paid" && payout.currency == "inr")
        }
    }

    @Test func aSentEventCanBeSignedAgainForReplay() async throws {
        try await withWebhookEndpoint { _, stripe, provider in
            _ = try await paidIntent(provider)
            let event = try #require(await stripe.events.first)
            let signedAt = Date(timeIntervalSince1970: 1_800_000_000)
            let (payload, header) = try await stripe.signedEvent(event, at: signedAt)
            try WebhookSignature(secret: Self.secret).verify(payload: payload, header: header, now: signedAt)
            #expect(try JSONDecoder().decode(ProviderEvent.self, from: Data(payload)) == event)
        }
    }
}

/// What a test's webhook endpoint received.
actor WebhookInbox {
    private(set) var received: [(payload: [UInt8], signature: String?)] = []

    func keep(payload: [UInt8], signature: String?) {
        received.append((payload, signature))
    }
}
