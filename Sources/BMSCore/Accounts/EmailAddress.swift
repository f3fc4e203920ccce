import Foundation

/// An e-mail address in its normal form: trimmed and lower-cased, so that `Asha@Example.com ` and
/// `asha@example.com` are one account. Only plain ASCII addresses of the usual shape are accepted;
/// that is what every mail provider our users have hands out, and it keeps look-alike tricks out.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    /// Normalises `raw` and checks its syntax; nil when it is not an address.
    public init?(_ raw: String) {
        let normalised = raw.trimmedOfWhitespace.lowercased()
        guard EmailAddress.isWellFormed(normalised) else { return nil }
        value = normalised
    }

    /// An address read back from the store, which holds only normalised addresses: its shape is checked,
    /// but it is not trimmed and lower-cased again (Foundation's case mapping cost more than the rest of
    /// decoding a user, and every booking decodes one).
    init?(stored value: String) {
        guard EmailAddress.isWellFormed(value) else { return nil }
        self.value = value
    }

    /// The part before the `@`.
    public var localPart: String { String(value.prefix { $0 != "@" }) }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = EmailAddress(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an e-mail address")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// RFC 5321 limits (254 in all, 64 before the `@`, 63 per domain label), a dot-atom local part, and a
    /// domain of at least two labels of letters, digits and inner hyphens.
    private static func isWellFormed(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count <= 254, let at = utf8.firstIndex(of: UInt8(ascii: "@")) else { return false }
        let local = utf8[..<at]
        let domain = utf8[(at + 1)...]
        guard (1...64).contains(local.count), !domain.isEmpty else { return false }

        let localSymbols = Set("!#$%&'*+/=?^_`{|}~-".utf8)
        for atom in local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !atom.isEmpty, atom.allSatisfy({ isLowerAlphanumeric($0) || localSymbols.contains($0) }) else { return false }
        }

        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
