import BMSStore
import Foundation
import NIOCore

/// Writes JSON bytes, byte for byte what the API's `JSONEncoder` (sorted keys, slashes unescaped) writes for
/// the same values, for responses too hot for `Encodable`: the generic encoder builds a tree of boxed
/// values and sorts every object's keys on every answer. The caller writes keys in sorted order; a value
/// written after another in the same object or array gets its comma.
///
/// Bytes go to memory the writer owns, not to an array or straight to a `ByteBuffer`: both check
/// uniqueness on every append, and a search page is some two thousand small appends (a fifth of writing
/// it went to those checks). Non-copyable, so that the memory has exactly one owner.
struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Whether the next value or key follows another at the same level.
    private var needsComma = false

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// What was written, as a buffer for a response body.
    var buffer: ByteBuffer { ByteBuffer(bytes: UnsafeBufferPointer(start: start, count: count)) }

    /// What was written, as text.
    var text: String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }

    mutating func beginObject() { open(UInt8(ascii: "{")) }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() { open(UInt8(ascii: "[")) }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// An object member's name; its value comes next.
    mutating func key(_ name: StaticString) {
        separate()
        append(UInt8(ascii: "\""))
        name.withUTF8Buffer { append($0) }
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        append(UInt8(ascii: "\""))
        // A native string lends its bytes as they are; `withUTF8` would first copy the string to a `var`
        // (a retain and a release per string, a tenth of writing a search page).
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var value = value
            value.withUTF8 { appendEscaped($0) }
        }
        append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var unescaped = 0
        for index in utf8.indices where Self.needsEscape(utf8[index]) {
            append(UnsafeBufferPointer(rebasing: utf8[unescaped..<index]))
            append(Self.escape(utf8[index]))
            unescaped = index + 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[unescaped...]))
    }

    /// An id as a string of its hex digits, written in place without building the `String` (a search page
    /// writes twenty).
    mutating func string(_ id: ObjectID) {
        separate()
        append(UInt8(ascii: "\""))
        reserve(ObjectID.hexDigitCount)
        id.writeHexDigits(into: UnsafeMutableBufferPointer(start: start + count, count: ObjectID.hexDigitCount))
        count += ObjectID.hexDigitCount
        append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// The string, or null.
    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An array of strings.
    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    mutating func integer(_ value: Int64) {
        separate()
        if value < 0 { append(UInt8(ascii: "-")) }
        // Twenty digits hold any magnitude; written from the right, then copied once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            var magnitude = value.magnitude
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeBufferPointer(rebasing: digits[first...]))
        }
        needsComma = true
    }

    /// A finite number as `JSONEncoder` writes it: the shortest form that reads back the same value, and
    /// whole numbers without ".0". Like `JSONEncoder`, refuses NaN and infinities.
    mutating func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        separate()
        var text = value.description
        text.withUTF8 { utf8 in
            let whole = utf8.count > 2 && utf8[utf8.count - 2] == UInt8(ascii: ".") && utf8[utf8.count - 1] == UInt8(ascii: "0")
            append(UnsafeBufferPointer(rebasing: whole ? utf8[..<(utf8.count - 2)] : utf8[...]))
        }
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        let literal: StaticString = value ? "true" : "false"
        literal.withUTF8Buffer { append($0) }
        needsComma = true
    }

    mutating func null() {
        separate()
        ("null" as StaticString).withUTF8Buffer { append($0) }
        needsComma = true
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { append(UInt8(ascii: ",")) }
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8) {
        separate()
        append(bracket)
        needsComma = false
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        append(bracket)
        needsComma = true
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        // Most appends are a key or a short name: copied byte by byte, they cost less than a call to
        // `memmove`, which was the largest single part of writing a search page.
        if bytes.count <= 16 {
            for offset in 0..<bytes.count { start[count + offset] = source[offset] }
        } else {
            (start + count).initialize(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    // Inlined, with growing kept out of line: every append checks, and almost none grows.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: extra) }
    }

    @inline(never)
    private mutating func grow(toHold extra: Int) {
        capacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.initialize(from: start, count: count)
        start.deallocate()
        start = grown
    }

    /// Quotes, backslashes and control characters; every other byte is written as it is.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// How `JSONEncoder` escapes a byte that `needsEscape`: short forms where JSON has them, else `\u00XX`
    /// in lowercase.
    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): "\\\""
        case UInt8(ascii: "\\"): "\\\\"
        case 0x08: "\\b"
        case 0x0C: "\\f"
        case UInt8(ascii: "\n"): "\\n"
        case UInt8(ascii: "\r"): "\\r"
        case UInt8(ascii: "\t"): "\\t"
        default: "\\u00" + Hex.string([byte])
        }
    }
}
