import Foundation
import PaymentsTestSupport
import Testing

/// The fake answers with every top-level field of Stripe's published example of each object
/// (`openapi/fixtures3.json` in stripe/openapi), so that code reading Stripe's answers meets the same
/// shapes here as in production.
@Suite struct FakeStripeShapeTests {
    static let paymentIntentFields: Set = [
        "amount", "amount_capturable", "amount_details", "amount_received", "application", "application_fee_amount",
        "automatic_payment_methods", "canceled_at", "cancellation_reason", "capture_method", "client_secret", "confirmation_method",
        "created", "currency", "customer", "description", "id", "invoice", "last_payment_error", "latest_charge", "livemode", "metadata",
        "next_action", "object", "on_behalf_of", "payment_method", "payment_method_options", "payment_method_types", "processing",
        "receipt_email", "review", "setup_future_usage", "shipping", "statement_descriptor", "statement_descriptor_suffix", "status",
        "transfer_data", "transfer_group",
    ]
    static let refundFields: Set = [
        "amount", "balance_transaction", "charge", "created", "currency", "id", "metadata", "object", "payment_intent", "reason",
        "receipt_number", "source_transfer_reversal", "status", "transfer_reversal",
    ]
    static let accountFields: Set = [
        "business_profile", "business_type", "capabilities", "charges_enabled", "controller", "country", "created", "default_currency",
        "details_submitted", "email", "external_accounts", "future_requirements", "id", "metadata", "object", "payouts_enabled",
        "requirements", "settings", "tos_acceptance", "type",
    ]
    static let accountLinkFields: Set = ["created", "expires_at", "object", "url"]
    static let transferFields: Set = [
        "amount", "amount_reversed", "balance_transaction", "created", "currency", "description", "destination", "destination_payment",
        "id", "livemode", "metadata", "object", "reversals", "reversed", "source_transaction", "source_type", "transfer_group",
    ]

    func missing(_ fields: Set<String>, in answer: RawAnswer) -> Set<String> {
        fields.subtracting(answer.json.keys)
    }

    @Test func paymentsHaveStripesFields() async throws {
        try await withFakeStripe { stripe in
            let created = try await rawCall(stripe, "/v1/payment_intents", form: "amount=5000&currency=inr")
            let id = try #require(created.json["id"] as? String)
            #expect(missing(Self.paymentIntentFields, in: created).isEmpty)
            #expect(created.json["client_secret"] as? String != nil && created.json["last_payment_error"] is NSNull)

            let declined = try await rawCall(stripe, "/v1/payment_intents/\(id)/confirm", form: "payment_method=pm_card_chargeDeclined")
            #expect(declined.status == 402 && declined.error("type") == "card_error" && declined.error("decline_code") == "generic_decline")
            let afterDecline = try await rawCall(stripe, "/v1/payment_intents/\(id)")
            #expect(missing(Self.paymentIntentFields, in: afterDecline).isEmpty)
            #expect((afterDecline.json["last_payment_error"] as? [String: Any])?["code"] as? String == "card_declined")

            let paid = try await rawCall(stripe, "/v1/payment_intents/\(id)/confirm", form: "payment_method=pm_card_visa")
            #expect(paid.json["status"] as? String == "succeeded" && paid.json["amount_received"] as? Int == 5000)
            let refund = try await rawCall(stripe, "/v1/refunds", form: "payment_intent=\(id)&amount=1000")
            #expect(missing(Self.refundFields, in: refund).isEmpty)
        }
    }

    @Test func connectObjectsHaveStripesFields() async throws {
        try await withFakeStripe { stripe in
            let account = try await rawCall(stripe, "/v1/accounts", form: "type=express&country=IN&capabilities[transfers][requested]=true")
            let id = try #require(account.json["id"] as? String)
            #expect(missing(Self.accountFields, in: account).isEmpty)
            #expect(account.json["capabilities"] as? [String: String] == ["transfers": "inactive"])

            let urls = "refresh_url=https://a.example/r&return_url=https://a.example/d"
            let link = try await rawCall(stripe, "/v1/account_links", form: "account=\(id)&\(urls)&type=account_onboarding")
            #expect(Set(link.json.keys) == Self.accountLinkFields)

            try await stripe.completeOnboarding(account: id)
            #expect(try await rawCall(stripe, "/v1/accounts/\(id)").json["capabilities"] as? [String: String] == ["transfers": "active"])
            let transfer = try await rawCall(stripe, "/v1/transfers", form: "amount=700&currency=inr&destination=\(id)")
            #expect(missing(Self.transferFields, in: transfer).isEmpty)
        }
    }
}
