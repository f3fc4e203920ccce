/// A request body in Stripe's form encoding: `application/x-www-form-urlencoded`, nested fields in
/// bracket notation (`metadata[bookingId]`, `transfer_data[destination]`), booleans as `true`/`false`.
/// Fields keep the order they were added in, so that the same request always encodes to the same bytes.
struct StripeForm: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    mutating func add(_ name: String, _ value: Int64) {
        add(name, String(value))
    }

    mutating func add(_ name: String, _ value: Bool) {
        add(name, value ? "true" : "false")
    }

    /// `metadata[key]=value` for each entry, keys sorted so that equal metadata encodes equally.
    mutating func addMetadata(_ metadata: [String: String]) {
        for key in metadata.keys.sorted() { add("metadata[\(key)]", metadata[key]!) }
    }

    /// The body bytes: `name=value` pairs joined by `&`, both sides percent-encoded.
    var encoded: [UInt8] {
        let pairs = fields.map { Self.escape($0.name, keeping: Self.bracket) + "=" + Self.escape($0.value, keeping: []) }
        return Array(pairs.joined(separator: "&").utf8)
    }

    private static let bracket: Set<UInt8> = [UInt8(ascii: "["), UInt8(ascii: "]")]
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes every byte but RFC 3986's unreserved characters and `kept`. Field names keep
    /// their brackets readable (`metadata[bookingId]`), as Stripe's own libraries send them.
    private static func escape(_ text: String, keeping kept: Set<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            case _ where kept.contains(byte):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
