import Foundation

/// The CSRF token of a login session: 32 random bytes as hex. The browser gets it in the readable
/// `bms_csrf` cookie and the response body, and sends it back in `X-CSRF-Token`; the access token
/// carries only its SHA-256, so a request proves it came from a page that could read our cookie.
struct CSRFToken: Sendable {
    let value: String

    /// A fresh random token.
    init() {
        var generator = SystemRandomNumberGenerator()
        value = (0..<4).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }

    /// The SHA-256 of the token in hex, as kept in the access token's `csrf` claim.
    var digest: String { Self.digest(of: value) }

    static func digest(of value: String) -> String { ContentDigest.sha256Hex(Array(value.utf8)) }

    /// Whether `presented` (the `X-CSRF-Token` header) is the token whose digest is `expectedDigest`,
    /// compared in constant time.
    static func matches(_ presented: String?, digest expectedDigest: String) -> Bool {
        guard let presented, !presented.isEmpty else { return false }
        let actual = Array(digest(of: presented).utf8)
        let expected = Array(expectedDigest.utf8)
        guard actual.count == expected.count else { return false }
        return zip(actual, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
