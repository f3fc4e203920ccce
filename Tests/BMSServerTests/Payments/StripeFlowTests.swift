import BMSCore
import BMSPayments
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PaymentsTestSupport
import Testing

@testable import BMSServer

@Suite("Payments with STRIPE_SECRET_KEY: the whole flow against a fake Stripe server")
struct StripeFlowTests {
    @Test("pay, decline, connect, held share, destination charge, refund and payout go through real Stripe calls and signed webhooks")
    func flow() async throws {
        try await withFakeStripe { stripe in
            try await withTemporaryDirectory { directory in
                let environment = [
                    "RATE_LIMIT_PER_MIN": "0", "STRIPE_SECRET_KEY": stripe.secretKey, "STRIPE_WEBHOOK_SECRET": FakeStripe.defaultWebhookSecret,
                    "STRIPE_API_BASE": await stripe.baseURL.absoluteString, "STRIPE_PUBLISHABLE_KEY": "pk_test_fake_publishable",
                ]
                // The fake signs with the real time, so the server's clock must be the real time too.
                let app = try await TestApp(in: directory, environment: environment, clock: ManualClock(elapsed: .zero))
                let dependencies = app.dependencies
                #expect(dependencies.demoPayments == nil)
                try await app.test(.live) { client in
                    let port = try #require(client.port)
                    await stripe.setWebhook(
                        url: URL(string: "http://127.0.0.1:\(port)/api/payments/webhook")!, secret: FakeStripe.defaultWebhookSecret)
                    let scene = try await Bookings.Scene(dependencies, client, property: ["instantBook": true])

                    // Not connected yet: the platform collects the whole charge.
                    let first = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))["id"] as? String)
                    let intent = try await Bookings.data(
                        client, "/api/payments/create-intent", method: .post, as: scene.seeker, body: ["bookingId": first], created: true)
                    #expect(intent["provider"] as? String == "stripe" && intent["checkoutUrl"] is NSNull)
                    #expect(intent["publishableKey"] as? String == "pk_test_fake_publishable")
                    let create = try #require(await stripe.requests.last { $0.path == "/v1/payment_intents" })
                    #expect(create.idempotencyKey == "bms-intent-\(first)")
                    #expect(create.form["amount"] == "1266667" && create.form["currency"] == "inr" && create.form["metadata[bookingId]"] == first)
                    #expect(create.form["transfer_data[destination]"] == nil && create.form["application_fee_amount"] == nil)

                    let declined = try await client.execute(
                        uri: "/api/payments/confirm", method: .post, headers: scene.seeker.bearer,
                        body: Accounts.json(["intentId": try #require(intent["intentId"] as? String), "paymentMethod": "pm_card_chargeDeclined"]))
                    try Bookings.expectError(declined, .paymentRequired, "card_declined")
                    try await Bookings.pay(client, scene.seeker, first)
                    let paid = try #require(try await Bookings.data(client, "/api/bookings/\(first)", as: scene.seeker)["booking"] as? [String: Any])
                    #expect(paid["bookingStatus"] as? String == "confirmed" && paid["paymentStatus"] as? String == "paid")
                    #expect(await stripe.events.contains { $0.type == "payment_intent.succeeded" })

                    // The owner connects; Stripe's account.updated passes the held share on, once.
                    let link = try #require(try await Bookings.data(client, "/api/payments/connect-link", as: scene.owner)["url"] as? String)
                    #expect(!link.isEmpty)
                    let account = try #require(await stripe.requests.last { $0.path == "/v1/accounts" })
                    #expect(account.form["type"] == "express" && account.form["capabilities[transfers][requested]"] == "true")
                    let stripeState = try await client.execute(
                        uri: "/api/users/\(scene.owner.userID)/stripe", method: .put, headers: scene.owner.bearer)
                    let accountID = try #require((try stripeState.data()["stripe"] as? [String: Any])?["stripeAccountId"] as? String)
                    try await stripe.completeOnboarding(account: accountID)
                    let transfers = await stripe.requests.filter { $0.path == "/v1/transfers" }
                    #expect(transfers.count == 1)
                    #expect(transfers.first?.form["destination"] == accountID && transfers.first?.form["amount"] == "1240000")
                    #expect(transfers.first?.idempotencyKey == "bms-transfer-\(first)")
                    #expect(transfers.first?.form["source_transaction"]?.hasPrefix("ch_") == true)

                    // Connected: a destination charge with the commission as the application fee.
                    let second = try #require(
                        try await Bookings.create(client, scene.seeker, scene.form("2030-04-01", "2030-04-11"))["id"] as? String)
                    try await Bookings.pay(client, scene.seeker, second)
                    let destination = try #require(await stripe.requests.last { $0.path == "/v1/payment_intents" })
                    #expect(destination.form["transfer_data[destination]"] == accountID && destination.form["application_fee_amount"] == "26667")

                    // Cancelled by the owner: everything back, the transfer and the fee reversed.
                    let cancelled = try await Bookings.data(client, "/api/bookings/\(second)/cancel", method: .post, as: scene.owner, body: [:])
                    #expect((cancelled["booking"] as? [String: Any])?["paymentStatus"] as? String == "refunded")
                    let refund = try #require(await stripe.requests.last { $0.path == "/v1/refunds" })
                    #expect(
                        refund.form["amount"] == "1266667" && refund.form["reverse_transfer"] == "true"
                            && refund.form["refund_application_fee"] == "true")

                    // Stripe pays the owner out.
                    _ = try await stripe.payOut(account: accountID, amount: 1_240_000)
                    let payouts = try #require(
                        try await Bookings.data(client, "/api/payments/payouts", as: scene.owner)["payouts"] as? [[String: Any]])
                    #expect(payouts.count == 1 && payouts.first?["amount"] as? Int == 1_240_000)
                    let summary = try await Bookings.data(client, "/api/payments/summary", as: scene.owner)
                    #expect(summary["paidOut"] as? Int == 1_240_000 && summary["held"] as? Int == 0 && summary["refunded"] as? Int == 1_266_667)
                    // Every event the fake sent was taken.
                    #expect(await stripe.deliveries.allSatisfy { $0.status == 200 })
                }
            }
        }
    }
}
