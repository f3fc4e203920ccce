import BMSCore
import BMSPayments
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Payments over HTTP: demo checkout, webhook, refunds, Connect, payouts")
struct PaymentAPITests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    /// A form post of the demo provider's pages.
    static func form(_ fields: [String: String]) -> (HTTPFields, ByteBuffer) {
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return ([.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: body))
    }

    @Test("a seeker pays on the demo checkout page: a declined card is shown, then the test card confirms the booking through the webhook")
    func demoCheckout() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client, property: ["instantBook": true])
                let booking = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))["id"] as? String)
                let intent = try await Bookings.data(
                    client, "/api/payments/create-intent", method: .post, as: scene.seeker, body: ["bookingId": booking], created: true)
                #expect(intent["amount"] as? Int == 1_266_667 && intent["currency"] as? String == "inr" && intent["provider"] as? String == "demo")
                let intentID = try #require(intent["intentId"] as? String)
                let secret = try #require(intent["clientSecret"] as? String)
                let checkout = try #require(intent["checkoutUrl"] as? String)
                #expect(checkout.hasPrefix("/pay/\(intentID)?secret="))
                // Asking again gives the same intent.
                let again = try await Bookings.data(
                    client, "/api/payments/create-intent", method: .post, as: scene.seeker, body: ["bookingId": booking])
                #expect(again["intentId"] as? String == intentID)

                let page = try await client.execute(uri: checkout, method: .get)
                #expect(page.status == .ok && page.text.contains("Pay ₹12,666.67"), "\(page.text)")
                // No inline script or style: the only script is the site's file.
                #expect(!page.text.contains("<script>") && !page.text.contains("style="))
                let wrongSecret = try await client.execute(uri: "/pay/\(intentID)?secret=nope", method: .get)
                #expect(wrongSecret.status == .notFound && wrongSecret.text.contains("This checkout link is not valid"))

                let (headers, declinedBody) = Self.form(["secret": secret, "card": "4000 0000 0000 0002"])
                let declined = try await client.execute(uri: "/pay/\(intentID)", method: .post, headers: headers, body: declinedBody)
                #expect(declined.status == .paymentRequired && declined.text.contains("Your card was declined."))
                #expect(declined.text.contains("value=\"4000 0000 0000 0002\""), "the card typed is kept")
                let failed = try #require(try await Bookings.data(client, "/api/bookings/\(booking)", as: scene.seeker)["booking"] as? [String: Any])
                #expect(failed["paymentStatus"] as? String == "failed" && failed["bookingStatus"] as? String == "pending")

                let (_, paidBody) = Self.form(["secret": secret, "card": "4242424242424242"])
                let paid = try await client.execute(uri: "/pay/\(intentID)", method: .post, headers: headers, body: paidBody)
                #expect(paid.status == .seeOther && paid.headers[.location]?.hasPrefix("/pay/\(intentID)?secret=") == true)
                let receipt = try await client.execute(uri: try #require(paid.headers[.location]), method: .get)
                #expect(receipt.text.contains("Payment received"))
                let confirmed = try #require(
                    try await Bookings.data(client, "/api/bookings/\(booking)", as: scene.owner)["booking"] as? [String: Any])
                #expect(confirmed["bookingStatus"] as? String == "confirmed" && confirmed["paymentStatus"] as? String == "paid")
                #expect(confirmed["paymentIntentId"] as? String == intentID)
                let payment = try #require(
                    try await Bookings.data(client, "/api/payments/booking/\(booking)", as: scene.owner)["payment"] as? [String: Any])
                #expect(payment["status"] as? String == "succeeded" && payment["amount"] as? Int == 1_266_667)
                #expect(payment["commission"] as? Int == 26_667 && payment["destination"] is NSNull)
                // Paid: the checkout is over.
                let over = try await client.execute(
                    uri: "/api/payments/create-intent", method: .post, headers: scene.seeker.bearer, body: Accounts.json(["bookingId": booking]))
                try Bookings.expectError(over, .conflict, "not_payable")
            }
        }
    }

    @Test("the webhook acts on a signed event once; a bad signature, a stale one or a body that is no event is 400 and changes nothing")
    func webhook() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: Self.environment, clock: clock)
            let dependencies = app.dependencies
            let secret = try await ServerSecrets.demoWebhookSecret(in: dependencies.store)
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client, property: ["instantBook": true])
                let booking = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-04"))["id"] as? String)
                let intent = try await Bookings.data(
                    client, "/api/payments/create-intent", method: .post, as: scene.seeker, body: ["bookingId": booking], created: true)
                var succeeded = try await #require(dependencies.demoPayments).retrievePaymentIntent(try #require(intent["intentId"] as? String))
                succeeded.status = .succeeded
                succeeded.latestCharge = "ch_webhook_test"
                let event = ProviderEvent(
                    id: "evt_webhook_test", type: "payment_intent.succeeded", created: 1, account: nil, apiVersion: nil,
                    object: .paymentIntent(succeeded))
                let payload = try Array(JSONEncoder().encode(event))
                let signature = WebhookSignature(secret: secret)
                func post(_ header: String?, _ body: [UInt8] = payload) async throws -> TestResponse {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let header { headers[.init("Stripe-Signature")!] = header }
                    return try await client.execute(uri: "/api/payments/webhook", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                }
                func status() async throws -> String? {
                    (try await Bookings.data(client, "/api/bookings/\(booking)", as: scene.seeker)["booking"] as? [String: Any])?["paymentStatus"]
                        as? String
                }

                let forged = WebhookSignature(secret: "whsec_forged").header(for: payload, at: clock.date())
                #expect(
                    try Bookings.expectError(try await post(forged), .badRequest, "bad_webhook")["message"] as? String
                        == "The webhook call was refused: the signature does not match the payload.")
                let stale = signature.header(for: payload, at: clock.date().addingTimeInterval(-301))
                try Bookings.expectError(try await post(stale), .badRequest, "bad_webhook")
                try Bookings.expectError(try await post(nil), .badRequest, "bad_webhook")
                let notAnEvent = Array(#"{"hello":"world"}"#.utf8)
                try Bookings.expectError(try await post(signature.header(for: notAnEvent, at: clock.date()), notAnEvent), .badRequest, "bad_webhook")
                #expect(try await status() == "pending")

                let good = try await post(signature.header(for: payload, at: clock.date()))
                #expect(good.status == .ok, "\(good.text)")
                #expect(try good.data()["eventId"] as? String == "evt_webhook_test")
                #expect(try await status() == "paid")
                // The same event again (Stripe retries): acknowledged, nothing changes.
                clock.advance(by: .seconds(60))
                #expect(try await post(signature.header(for: payload, at: clock.date())).status == .ok)
                let history =
                    (try await Bookings.data(client, "/api/bookings/\(booking)", as: scene.seeker)["booking"] as? [String: Any])?["history"] as? [Any]
                #expect(history?.count == 2)
            }
        }
    }

    @Test("an owner connects on the demo onboarding page: held shares are passed on, payouts and revenue are reported")
    func connectAndPayouts() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client, property: ["instantBook": true])
                let first = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))["id"] as? String)
                try await Bookings.pay(client, scene.seeker, first)
                let held = try await Bookings.data(client, "/api/payments/summary", as: scene.owner)
                #expect(held["gross"] as? Int == 1_266_667 && held["commission"] as? Int == 26_667)
                #expect(held["net"] as? Int == 1_240_000 && held["held"] as? Int == 1_240_000 && held["paidOut"] as? Int == 0)

                let link = try #require(try await Bookings.data(client, "/api/payments/connect-link", as: scene.owner)["url"] as? String)
                let path = try #require(URL(string: link)?.path)
                #expect(path.hasPrefix("/pay/connect/acct_"))
                let onboarding = try await client.execute(uri: path, method: .get)
                #expect(onboarding.status == .ok && onboarding.text.contains("Finish onboarding"))
                let (headers, body) = Self.form([:])
                let finished = try await client.execute(uri: path, method: .post, headers: headers, body: body)
                #expect(finished.status == .seeOther)
                let back = try #require(finished.headers[.location])
                #expect(back.hasPrefix("/payments/connect/return?account=acct_"))
                #expect(try await client.execute(uri: back, method: .get).text.contains("You are ready to be paid"))
                let stripe = try await client.execute(uri: "/api/users/\(scene.owner.userID)/stripe", method: .put, headers: scene.owner.bearer)
                #expect((try stripe.data()["stripe"] as? [String: Any])?["stripeConnected"] as? Bool == true)
                let transferred = try #require(
                    try await Bookings.data(client, "/api/payments/booking/\(first)", as: scene.owner)["payment"] as? [String: Any])
                #expect((transferred["transferId"] as? String)?.hasPrefix("tr_") == true)

                // Connected now: the next booking is a destination charge, and the owner is paid out.
                let second = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-04-01", "2030-04-11"))["id"] as? String)
                let payment = try await Bookings.pay(client, scene.seeker, second)
                #expect((payment["destination"] as? String)?.hasPrefix("acct_") == true)
                #expect(try await dependencies.demoPayments?.runPayouts() == 1)
                let payouts = try #require(try await Bookings.data(client, "/api/payments/payouts", as: scene.owner)["payouts"] as? [[String: Any]])
                #expect(payouts.count == 1 && payouts.first?["amount"] as? Int == 2_480_000 && payouts.first?["status"] as? String == "paid")
                let summary = try await Bookings.data(client, "/api/payments/summary", as: scene.owner)
                #expect(summary["gross"] as? Int == 2_533_334 && summary["net"] as? Int == 2_480_000)
                #expect(summary["held"] as? Int == 0 && summary["paidOut"] as? Int == 2_480_000 && summary["pending"] as? Int == 0)
                let platform = try await Bookings.data(client, "/api/payments/summary", as: scene.admin)
                #expect(platform["ownerId"] is NSNull && platform["payments"] as? Int == 2)
                let adminView = try await Bookings.data(client, "/api/payments/payouts?ownerId=\(scene.owner.userID)", as: scene.admin)
                #expect((adminView["payouts"] as? [Any])?.count == 1)
            }
        }
    }

    @Test("a cancel refunds by policy at once; admins refund part or all, never more than was paid; others are sent to cancel")
    func refunds() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client, property: ["instantBook": true, "cancellationPolicy": "flexible"])
                let booking = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))["id"] as? String)
                try await Bookings.pay(client, scene.seeker, booking)
                let seekerRefund = try await client.execute(
                    uri: "/api/payments/refund", method: .post, headers: scene.seeker.bearer, body: Accounts.json(["bookingId": booking]))
                #expect(
                    try Bookings.expectError(seekerRefund, .forbidden, "forbidden")["message"] as? String
                        == "Only admins refund directly. Cancel the booking to get its refund by its policy.")

                var headers = scene.admin.bearer
                headers[.init("Idempotency-Key")!] = "refund-1"
                let partial = try await client.execute(
                    uri: "/api/payments/refund", method: .post, headers: headers,
                    body: Accounts.json(["bookingId": booking, "amount": 100_000, "reason": "Noisy week"]))
                #expect(partial.status == .ok, "\(partial.text)")
                #expect((try partial.data()["payment"] as? [String: Any])?["refunded"] as? Int == 100_000)
                // The same key and body again: the first answer, no second refund.
                let repeated = try await client.execute(
                    uri: "/api/payments/refund", method: .post, headers: headers,
                    body: Accounts.json(["bookingId": booking, "amount": 100_000, "reason": "Noisy week"]))
                #expect((try repeated.data()["payment"] as? [String: Any])?["refunded"] as? Int == 100_000)
                let reused = try await client.execute(
                    uri: "/api/payments/refund", method: .post, headers: headers, body: Accounts.json(["bookingId": booking, "amount": 5]))
                #expect(try Bookings.expectError(reused, .unprocessableContent, "validation_failed")["fields"] as? [String: String] != nil)
                let tooMuch = try await client.execute(
                    uri: "/api/payments/refund", method: .post, headers: scene.admin.bearer,
                    body: Accounts.json(["bookingId": booking, "amount": 2_000_000]))
                #expect(try Bookings.expectError(tooMuch, .conflict, "refund_too_large")["remaining"] as? Int == 1_166_667)

                let cancelled = try await Bookings.data(client, "/api/bookings/\(booking)/cancel", method: .post, as: scene.seeker, body: [:])
                let after = try #require(cancelled["booking"] as? [String: Any])
                #expect(after["paymentStatus"] as? String == "refunded" && after["amountRefunded"] as? Int == 1_266_667)
                #expect(after["refundDue"] as? Int == 0)
            }
        }
    }

    @Test("payment requests name what is wrong: missing ids, a second Idempotency-Key, an unknown intent")
    func validation() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let seeker = try await Accounts.register(client)
                let missing = try await client.execute(
                    uri: "/api/payments/create-intent", method: .post, headers: seeker.bearer, body: Accounts.json([:]))
                #expect(
                    try Bookings.expectError(missing, .unprocessableContent, "validation_failed")["fields"] as? [String: String] == [
                        "bookingId": "is required"
                    ])
                let malformed = try await client.execute(
                    uri: "/api/payments/create-intent", method: .post, headers: seeker.bearer, body: Accounts.json(["bookingId": "42"]))
                #expect(
                    try Bookings.expectError(malformed, .unprocessableContent, "validation_failed")["fields"] as? [String: String]
                        == ["bookingId": "must be an id (24 hex digits)"])
                var twice = seeker.bearer
                twice.append(HTTPField(name: .init("Idempotency-Key")!, value: "a"))
                twice.append(HTTPField(name: .init("Idempotency-Key")!, value: "b"))
                let twoKeys = try await client.execute(
                    uri: "/api/payments/confirm", method: .post, headers: twice, body: Accounts.json(["intentId": "pi_x"]))
                try Bookings.expectError(twoKeys, .unprocessableContent, "validation_failed")
                let noIntent = try await client.execute(uri: "/api/payments/confirm", method: .post, headers: seeker.bearer, body: Accounts.json([:]))
                #expect(
                    try Bookings.expectError(noIntent, .unprocessableContent, "validation_failed")["fields"] as? [String: String] == [
                        "intentId": "is required"
                    ])
                let unknown = try await client.execute(
                    uri: "/api/payments/confirm", method: .post, headers: seeker.bearer, body: Accounts.json(["intentId": "pi_unknown"]))
                try Bookings.expectError(unknown, .notFound, "not_found")
                let anonymous = try await client.execute(uri: "/api/payments/summary", method: .get)
                try Bookings.expectError(anonymous, .unauthorized, "unauthenticated")
                let wrongMethod = try await client.execute(uri: "/api/payments/summary", method: .delete, headers: seeker.bearer)
                try Bookings.expectError(wrongMethod, .methodNotAllowed, "method_not_allowed")
            }
        }
    }
}
