/// Stripe's test payment methods the fake knows, by `pm_card_…` name or by card number, and what
/// confirming with each does.
struct TestCard: Sendable {
    struct Decline: Sendable {
        var declineCode: String
        var message: String
    }

    var brand: String
    var last4: String
    /// Nil for a card that pays.
    var decline: Decline?

    static func named(_ paymentMethod: String) -> TestCard? {
        switch paymentMethod {
        case "pm_card_visa", "4242424242424242":
            TestCard(brand: "visa", last4: "4242")
        case "pm_card_mastercard", "5555555555554444":
            TestCard(brand: "mastercard", last4: "4444")
        case "pm_card_chargeDeclined", "4000000000000002":
            TestCard(brand: "visa", last4: "0002", decline: Decline(declineCode: "generic_decline", message: "Your card was declined."))
        case "pm_card_chargeDeclinedInsufficientFunds", "4000000000009995":
            TestCard(
                brand: "visa", last4: "9995", decline: Decline(declineCode: "insufficient_funds", message: "Your card has insufficient funds."))
        default:
            nil
        }
    }

    /// The `payment_method` object Stripe embeds in a card error.
    func paymentMethodJSON(id: String) -> JSONValue {
        [
            "id": .string(id), "object": "payment_method", "type": "card", "livemode": false, "created": .int(StripeID.now),
            "customer": nil, "metadata": [:],
            "card": [
                "brand": .string(brand), "last4": .string(last4), "exp_month": 12, "exp_year": 2034, "country": "US", "funding": "credit",
            ],
        ]
    }
}
