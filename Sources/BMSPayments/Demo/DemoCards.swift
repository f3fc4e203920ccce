import BMSCore

/// Stripe's test cards, by number or by test payment method, and what paying with them does.
enum DemoCards {
    enum Outcome: Equatable {
        case succeeds
        case declined(code: String, message: String)
    }

    static let hint = "Use a test card: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined; 4000 0000 0000 9995 has insufficient funds."

    static func outcome(of paymentMethod: String) -> Outcome {
        switch paymentMethod.filter({ !$0.isWhitespace && $0 != "-" }) {
        case "4242424242424242", "pm_card_visa":
            .succeeds
        case "4000000000000002", "pm_card_chargeDeclined":
            .declined(code: "generic_decline", message: "Your card was declined.")
        case "4000000000009995", "pm_card_chargeDeclinedInsufficientFunds":
            .declined(code: "insufficient_funds", message: "Your card has insufficient funds.")
        default:
            .declined(code: "incorrect_number", message: "This card number is not one of the demo's test cards. \(hint)")
        }
    }
}
