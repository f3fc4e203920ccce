/// Lowercase hexadecimal text for bytes, and back: ids, digests, signatures and diagnostics all print
/// and parse bytes the same way.
public enum Hex {
    /// Two lowercase digits per byte, written straight into the string's storage: every id in every
    /// answer is printed here.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        bytes.withContiguousStorageIfAvailable(string) ?? Array(bytes).withUnsafeBufferPointer(string)
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in write(UnsafeRawBufferPointer(bytes), into: out) }
    }

    /// Writes two lowercase digits per byte of `bytes` at the start of `out`, which must hold twice as
    /// many; returns how many it wrote.
    public static func write(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        for byte in bytes {
            out[written] = digit(byte >> 4)
            out[written + 1] = digit(byte & 0xF)
            written += 2
        }
        return written
    }

    /// The lowercase digit of a value below 16.
    @inline(__always)
    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
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
