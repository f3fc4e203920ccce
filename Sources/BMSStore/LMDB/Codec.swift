import Foundation

/// Turns one kind of item into bytes and back. Tables are typed by a key codec and a value codec, as in
/// heed's `Database<KeyCodec, DataCodec>`.
public protocol Codec {
    associatedtype Item
    static func encode(_ item: Item) throws -> [UInt8]
    /// Reads an item; the buffer is only valid during the call.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Item
}

/// Raw bytes, unchanged.
public enum BytesCodec: Codec {
    public static func encode(_ item: [UInt8]) -> [UInt8] { item }
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt8] { Array(bytes) }
}

/// UTF-8 text; byte order is the order of the UTF-8 bytes.
public enum StringCodec: Codec {
    public static func encode(_ item: String) -> [UInt8] { Array(item.utf8) }
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// A 12-byte record id; byte order is creation order.
public enum ObjectIDCodec: Codec {
    public static func encode(_ item: ObjectID) -> [UInt8] { item.bytes }
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> ObjectID {
        guard let id = ObjectID(bytes: bytes) else { throw StoreError.corrupt(table: "?", reason: "id of \(bytes.count) bytes") }
        return id
    }
}

/// An unsigned integer, big-endian so that byte order is numeric order.
public enum UInt64Codec: Codec {
    public static func encode(_ item: UInt64) -> [UInt8] {
        var out = [UInt8]()
        appendBigEndian(item, to: &out)
        return out
    }
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> UInt64 {
        guard bytes.count == 8 else { throw StoreError.corrupt(table: "?", reason: "UInt64 of \(bytes.count) bytes") }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// An order-preserving composite key.
public enum TupleCodec: Codec {
    public static func encode(_ item: Tuple) -> [UInt8] { item.encoded }
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Tuple { try Tuple(decoding: bytes) }
}

/// JSON, for cold data (audit log, outbox, job state) where readability beats speed.
public enum JSONCodec<Value: Codable>: Codec {
    public static func encode(_ item: Value) throws -> [UInt8] { Array(try JSONCoding.encoder.encode(item)) }
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Value {
        try JSONCoding.decoder.decode(Value.self, from: Data(bytes))
    }
}

enum JSONCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
