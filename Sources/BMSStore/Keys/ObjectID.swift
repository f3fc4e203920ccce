import Foundation
import Synchronization

/// A 12-byte, time-ordered record id, shown as 24 lowercase hex characters, laid out like a MongoDB
/// ObjectId: 4 bytes of seconds since 1970 (big-endian), 5 random bytes fixed per process, and a 3-byte
/// counter that starts at a random value. Ids made later sort after ids made earlier (to the second), and
/// byte order equals the order of `<`.
public struct ObjectID: Hashable, Comparable, Sendable, LosslessStringConvertible, Codable {
    /// The first 8 bytes, big-endian.
    let high: UInt64
    /// The last 4 bytes, big-endian.
    let low: UInt32

    /// Makes a new id for the current time.
    public init() {
        self.init(time: Date())
    }

    /// Makes a new id whose time part is `time`; useful for imports that keep the original order.
    public init(time: Date) {
        let seconds = UInt64(UInt32(clamping: Int64(time.timeIntervalSince1970.rounded(.down))))
        let count = UInt64(ObjectID.counter.wrappingAdd(1, ordering: .relaxed).oldValue & 0xFF_FFFF)
        let random = ObjectID.processRandom
        self.high = seconds << 32 | (random >> 8)
        self.low = UInt32(truncatingIfNeeded: (random & 0xFF) << 24 | count)
    }

    /// How many bytes an id is stored in.
    public static let byteCount = 12

    /// Reads 12 bytes. Returns nil when `bytes` does not hold exactly 12.
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard bytes.count == Self.byteCount else { return nil }
        var high: UInt64 = 0
        var low: UInt32 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt32(byte) }
        }
        self.high = high
        self.low = low
    }

    /// Reads 12 bytes in place: two loads, and a plain (not generic) function, because index scans and
    /// search cards decode one id per entry.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 12 else { return nil }
        high = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
        low = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
    }

    /// Parses 24 hex characters (either case). Anything else — other lengths, other characters — is nil.
    public init?(_ text: String) {
        guard text.utf8.count == 24, let bytes = Hex.bytes(text) else { return nil }
        self.init(bytes: bytes)
    }

    /// The 12 bytes, big-endian.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(12)
        append(to: &out)
        return out
    }

    /// Calls `body` with the 12 bytes held on the stack, so that a record lookup allocates no key.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(12))) }
    }

    /// Two copies rather than twelve appends: every record read and key built passes through here.
    func append(to out: inout [UInt8]) {
        withUnsafeBytes(of: high.bigEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: low.bigEndian) { out.append(contentsOf: $0) }
    }

    /// Calls `body` with the key `(id, id)` — the entry of this record in an index keyed by the record's
    /// own id — encoded in a stack buffer, so that the lookup allocates nothing.
    func withOwnIDKey<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 26) { buffer in
            for offset in stride(from: 0, to: 26, by: 13) {
                buffer[offset] = TupleCode.id
                for index in 0..<8 { buffer[offset + 1 + index] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * index)) }
                for index in 0..<4 { buffer[offset + 9 + index] = UInt8(truncatingIfNeeded: low >> UInt32(24 - 8 * index)) }
            }
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// When the id was made, to the second.
    public var timestamp: Date { Date(timeIntervalSince1970: TimeInterval(high >> 32)) }

    public var description: String { withBytes { Hex.string($0) } }

    /// How many hex digits `description` has.
    public static let hexDigitCount = 2 * byteCount

    /// Writes the `hexDigitCount` lowercase digits of `description` at the start of `out`: a JSON answer
    /// writes them without building a string for each id. Not generic, so that a caller in another module
    /// calls it as compiled here instead of through a closure it cannot specialize.
    public func writeHexDigits(into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= Self.hexDigitCount, "room for \(Self.hexDigitCount) hex digits")
        _ = withBytes { Hex.write($0, into: out) }
    }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a 24-hex-digit id: \(text)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let processRandom = UInt64.random(in: 0...0xFF_FFFF_FFFF)
    private static let counter = Atomic<UInt32>(UInt32.random(in: 0...0xFF_FFFF))
}
