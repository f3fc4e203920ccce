import Foundation

/// One element of an order-preserving composite key.
public enum TupleElement: Hashable, Sendable {
    case bytes([UInt8])
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case id(ObjectID)
    /// A point in time, kept to the microsecond.
    case date(Date)
}

/// An order-preserving composite key, after FoundationDB's tuple layer: every element is written with a
/// type code, so that comparing the encoded bytes gives the same answer as comparing the tuples element by
/// element (shorter tuples first when one is a prefix of the other). An index key `(city, price, id)`
/// therefore sorts by city, then price, then id, and a prefix scan over `(city)` finds one city.
///
/// Order across types follows the type codes: bytes < string < int < double < bool < id < date.
public struct Tuple: Hashable, Sendable, Comparable, ExpressibleByArrayLiteral {
    public var elements: [TupleElement]

    public init(_ elements: [TupleElement]) { self.elements = elements }
    public init(arrayLiteral elements: TupleElement...) { self.elements = elements }

    /// The encoded bytes; byte order equals tuple order.
    public var encoded: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(elements.count * 10)
        for element in elements { element.encode(into: &out) }
        return out
    }

    /// Decodes bytes written by `encoded`.
    public init(decoding bytes: some Collection<UInt8>) throws(TupleDecodingError) {
        var reader = TupleReader(bytes: Array(bytes))
        var elements = [TupleElement]()
        while !reader.atEnd { elements.append(try reader.next()) }
        self.elements = elements
    }

    public func appending(_ element: TupleElement) -> Tuple { Tuple(elements + [element]) }

    public static func < (lhs: Tuple, rhs: Tuple) -> Bool {
        // Elements are compared by their encoded order, not `==`: -0.0 == 0.0, yet they encode apart.
        for (left, right) in zip(lhs.elements, rhs.elements) {
            if left.sortsBefore(right) { return true }
            if right.sortsBefore(left) { return false }
        }
        return lhs.elements.count < rhs.elements.count
    }
}

public struct TupleDecodingError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

enum TupleCode {
    static let bytes: UInt8 = 0x01
    static let string: UInt8 = 0x02
    static let int: UInt8 = 0x14
    static let double: UInt8 = 0x21
    static let falseValue: UInt8 = 0x26
    static let trueValue: UInt8 = 0x27
    static let id: UInt8 = 0x30
    static let date: UInt8 = 0x33
}

extension TupleElement {
    /// Appends this element's encoding to `out`: keys that share a prefix (one per stay class, say) can
    /// encode it once and extend copies of it.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .bytes(let bytes):
            out.append(TupleCode.bytes)
            appendEscaped(bytes, to: &out)
        case .string(let string):
            out.append(TupleCode.string)
            appendEscaped(string.utf8, to: &out)
        case .int(let value):
            out.append(TupleCode.int)
            appendBigEndian(UInt64(bitPattern: value) ^ (1 << 63), to: &out)
        case .double(let value):
            out.append(TupleCode.double)
            appendBigEndian(orderedBits(value), to: &out)
        case .bool(let value):
            out.append(value ? TupleCode.trueValue : TupleCode.falseValue)
        case .id(let id):
            out.append(TupleCode.id)
            id.append(to: &out)
        case .date(let date):
            out.append(TupleCode.date)
            appendBigEndian(UInt64(bitPattern: date.storedMicroseconds) ^ (1 << 63), to: &out)
        }
    }

    /// The order the encoding gives; used by `Tuple.<` so the model and the bytes can be compared in tests.
    func sortsBefore(_ other: TupleElement) -> Bool {
        switch (self, other) {
        case (.bytes(let a), .bytes(let b)): return a.lexicographicallyPrecedes(b)
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.int(let a), .int(let b)): return a < b
        case (.double(let a), .double(let b)): return orderedBits(a) < orderedBits(b)
        case (.bool(let a), .bool(let b)): return !a && b
        case (.id(let a), .id(let b)): return a < b
        case (.date(let a), .date(let b)): return a.storedMicroseconds < b.storedMicroseconds
        default: return typeRank < other.typeRank
        }
    }

    private var typeRank: UInt8 {
        switch self {
        case .bytes: TupleCode.bytes
        case .string: TupleCode.string
        case .int: TupleCode.int
        case .double: TupleCode.double
        case .bool: TupleCode.falseValue
        case .id: TupleCode.id
        case .date: TupleCode.date
        }
    }
}

/// IEEE 754 bits arranged so that unsigned comparison equals numeric order (negative numbers have all bits
/// flipped, others only the sign bit), as in FoundationDB's tuple layer.
func orderedBits(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
}

private func appendEscaped(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
    for byte in bytes {
        out.append(byte)
        if byte == 0 { out.append(0xFF) }
    }
    out.append(0)
}

func appendBigEndian(_ value: UInt64, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
}

private struct TupleReader {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    mutating func next() throws(TupleDecodingError) -> TupleElement {
        let code = bytes[position]
        position += 1
        switch code {
        case TupleCode.bytes: return .bytes(try unescaped())
        case TupleCode.string: return .string(String(decoding: try unescaped(), as: UTF8.self))
        case TupleCode.int: return .int(Int64(bitPattern: try fixed64() ^ (1 << 63)))
        case TupleCode.double:
            let bits = try fixed64()
            return .double(Double(bitPattern: bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits))
        case TupleCode.falseValue: return .bool(false)
        case TupleCode.trueValue: return .bool(true)
        case TupleCode.id:
            guard position + 12 <= bytes.count, let id = ObjectID(bytes: bytes[position..<position + 12]) else {
                throw TupleDecodingError(description: "truncated id at byte \(position)")
            }
            position += 12
            return .id(id)
        case TupleCode.date:
            let micros = Int64(bitPattern: try fixed64() ^ (1 << 63))
            return .date(Date(timeIntervalSince1970: Double(micros) / 1_000_000))
        default:
            throw TupleDecodingError(description: "unknown type code \(code) at byte \(position - 1)")
        }
    }

    private mutating func fixed64() throws(TupleDecodingError) -> UInt64 {
        guard position + 8 <= bytes.count else { throw TupleDecodingError(description: "truncated number") }
        var value: UInt64 = 0
        for byte in bytes[position..<position + 8] { value = value << 8 | UInt64(byte) }
        position += 8
        return value
    }

    private mutating func unescaped() throws(TupleDecodingError) -> [UInt8] {
        var out = [UInt8]()
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte != 0 {
                out.append(byte)
            } else if position < bytes.count, bytes[position] == 0xFF {
                out.append(0)
                position += 1
            } else {
                return out
            }
        }
        throw TupleDecodingError(description: "unterminated string or bytes")
    }
}
