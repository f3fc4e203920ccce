import Foundation

/// One request as the fake Stripe received it, kept for a test's assertions.
public struct RecordedRequest: Sendable {
    public let method: String
    public let path: String
    /// Header values by lowercased name.
    public let headers: [String: String]
    /// The body as sent.
    public let body: String
    /// The form body decoded, names in Stripe's bracket notation as sent: `metadata[bookingId]`; empty
    /// when the body is not valid form encoding.
    public let form: [String: String]

    public var idempotencyKey: String? { headers["idempotency-key"] }
    public var stripeVersion: String? { headers["stripe-version"] }

    init(method: String, path: String, headers: [String: String], body: String) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        form = Self.decodeForm(body) ?? [:]
    }

    /// Decodes `application/x-www-form-urlencoded` independently of the client's encoder, so that a
    /// mistake in one is not hidden by the same mistake in the other: `+` is a space, `%XX` a byte.
    /// Nil when a name or value is not valid percent-encoding.
    static func decodeForm(_ body: String) -> [String: String]? {
        var form: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decoded = parts.map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decoded[0], let value = decoded.count > 1 ? decoded[1] : "" else { return nil }
            form[name] = value
        }
        return form
    }
}
