import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PaymentsTestSupport
import Testing

@testable import BMSServer

@Suite("Stripe checkout page: Stripe.js and the Payment Element with the intent's client secret, on that page alone")
struct StripeCheckoutPageTests {
    @Test("POST /bookings/:id/pay creates the intent at (fake) Stripe and renders the checkout with the keys and a CSP for Stripe")
    func checkoutPage() async throws {
        try await withFakeStripe { stripe in
            let environment = [
                "STRIPE_SECRET_KEY": stripe.secretKey, "STRIPE_WEBHOOK_SECRET": FakeStripe.defaultWebhookSecret,
                "STRIPE_API_BASE": await stripe.baseURL.absoluteString, "STRIPE_PUBLISHABLE_KEY": "pk_test_fake_publishable",
            ]
            try await BookingPagesTests.withScene(environment: environment) { client, scene in
                let id = try await BookingPagesTests.book(client, scene)
                let response = try await BookingPagesTests.post(client, "/bookings/\(id)/pay", as: scene.seeker, [])
                #expect(response.status == .ok, "\(response.text)")
                let create = try #require(await stripe.requests.last { $0.path == "/v1/payment_intents" })
                #expect(create.form["metadata[bookingId]"] == id && create.form["amount"] == BookingPagesTests.totalPaise)
                let intents = await stripe.requests.filter { $0.path == "/v1/payment_intents" && $0.method == "POST" }
                #expect(intents.count == 1)

                let html = response.text
                let secret = try #require(html.firstMatch(of: /data-client-secret="(pi_[^"]+_secret_[^"]+)"/)?.1)
                #expect(secret.hasPrefix("pi_"))
                #expect(html.contains(#"data-publishable-key="pk_test_fake_publishable""#))
                #expect(html.contains(#"data-return-href="/bookings/\#(id)""#))
                #expect(html.contains(#"<script src="https://js.stripe.com/v3/" defer></script>"#))
                #expect(html.contains(#"<script src="/assets/js/stripe-checkout.js" defer></script>"#))
                #expect(html.contains(#"<div id="payment-element""#) && html.contains("Pay \(BookingPagesTests.total)"))
                #expect(!html.contains(stripe.secretKey), "the secret key never reaches a page")

                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self' https://js.stripe.com;"))
                #expect(policy.contains("connect-src 'self' https://api.stripe.com;"))
                #expect(policy.contains("frame-src https://js.stripe.com https://hooks.stripe.com"))
                #expect(response.headers[.permissionsPolicy]?.contains(#"payment=(self "https://js.stripe.com")"#) == true)

                // Every other page keeps the site's policy, without Stripe.
                let booking = try await client.execute(
                    uri: "/bookings/\(id)", method: .get, headers: [.cookie: Browser.cookieHeader(BookingPagesTests.cookies(scene.seeker))])
                #expect(booking.headers[.contentSecurityPolicy]?.contains("stripe") == false)

                // Paying again shows the same intent, not a second one.
                let again = try await BookingPagesTests.post(client, "/bookings/\(id)/pay", as: scene.seeker, [])
                #expect(again.text.contains(#"data-client-secret="\#(secret)""#))
                #expect(await stripe.requests.filter { $0.path == "/v1/payment_intents" && $0.method == "POST" }.count == 1)
            }
        }
    }
}
