/// Lowercase hexadecimal text for bytes, and back: ids, digests, signatures and diagnostics all print
/// and parse bytes the same way.
public enum Hex {
    /// Two lowercase digits per byte.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of an even number of hex digits; nil for anything else. Upper-case digits are refused
    /// when `lowercaseOnly`, for values that must have one spelling (a URL, a key).
    public static func bytes(_ text: some StringProtocol, lowercaseOnly: Bool = false) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        for index in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = value(utf8[index], lowercaseOnly: lowercaseOnly), let low = value(utf8[index + 1], lowercaseOnly: lowercaseOnly)
            else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    /// The value of one hex digit (an ASCII byte), or nil when it is none.
    public static func value(_ digit: UInt8, lowercaseOnly: Bool = false) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F") where !lowercaseOnly: digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
