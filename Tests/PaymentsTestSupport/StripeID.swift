import Foundation

/// Ids in Stripe's form: a type prefix and 24 random letters and digits (`pi_3MtwBwLkdIwHu7ix28a3tqPa`).
enum StripeID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func make(_ prefix: String, length: Int = 24) -> String {
        prefix + "_" + random(length)
    }

    static func random(_ length: Int) -> String {
        String((0..<length).map { _ in alphabet.randomElement()! })
    }

    /// Unix seconds now, as Stripe's `created` fields.
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }
}
