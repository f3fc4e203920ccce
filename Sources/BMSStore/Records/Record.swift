import Foundation

/// A value stored in a collection, keyed by its id, with the indexes it declares.
///
/// ```swift
/// struct Person: Record {
///     static let collectionName = "people"
///     static let indexes: [RecordIndex<Person>] = [
///         .unique("email") { [.string($0.email)] },
///         .secondary("city") { [.string($0.city), .int($0.age)] },
///         .multi("tags") { $0.tags.map { [.string($0)] } },
///         .geo("location") { $0.home },
///     ]
///     …
/// }
/// ```
public protocol Record: Sendable {
    static var collectionName: String { get }
    static var indexes: [RecordIndex<Self>] { get }
    var id: ObjectID { get }
    func encode(to writer: inout RecordWriter)
    init(from reader: inout RecordReader) throws
}

/// A record kept as JSON: for cold data where readability matters more than decode speed.
public protocol JSONRecord: Record, Codable {}

extension JSONRecord {
    public func encode(to writer: inout RecordWriter) {
        // Encoding a value of our own Codable type cannot fail short of a programming error.
        writer.write(try! JSONCodec<Self>.encode(self))
    }

    public init(from reader: inout RecordReader) throws {
        let bytes = try reader.readBytes()
        self = try bytes.withUnsafeBytes { try JSONCodec<Self>.decode($0) }
    }
}

/// One index a record type declares. Every index is kept in the record's own write transaction.
public struct RecordIndex<R: Record>: Sendable {
    public enum Kind: Sendable, Equatable {
        /// At most one record per key; a second one is refused with `StoreError.uniqueViolation`.
        case unique
        /// Any number of records per key; a record may have several keys (one per amenity, say).
        case secondary
        /// A geohash index over the record's point.
        case geo
    }

    /// The index's name, also the field named in a unique violation.
    public let name: String
    public let kind: Kind
    let keys: @Sendable (R) -> [Tuple]
    let cover: (@Sendable (R) -> [UInt8])?
    let point: (@Sendable (R) -> GeoPoint?)?

    /// A unique index; a nil key leaves the record out of the index (a sparse index).
    public static func unique(_ name: String, _ key: @escaping @Sendable (R) -> Tuple?) -> Self {
        Self(name: name, kind: .unique, keys: { key($0).map { [$0] } ?? [] }, cover: nil, point: nil)
    }

    /// A secondary index with one key per record (or none when nil). `cover` stores a few bytes beside
    /// each entry (a price, a bitmask) so that scans can filter without loading records.
    public static func secondary(
        _ name: String, cover: (@Sendable (R) -> [UInt8])? = nil, _ key: @escaping @Sendable (R) -> Tuple?
    ) -> Self {
        Self(name: name, kind: .secondary, keys: { key($0).map { [$0] } ?? [] }, cover: cover, point: nil)
    }

    /// A multi-valued secondary index: one entry per key the record returns.
    public static func multi(
        _ name: String, cover: (@Sendable (R) -> [UInt8])? = nil, _ keys: @escaping @Sendable (R) -> [Tuple]
    ) -> Self {
        Self(name: name, kind: .secondary, keys: { Array(Set(keys($0))) }, cover: cover, point: nil)
    }

    /// A geohash index over the record's point; a nil point leaves the record out. `cover` stores bytes
    /// beside each point, handed to nearest-first walks with the point (a summary to filter on without
    /// another lookup).
    public static func geo(
        _ name: String, cover: (@Sendable (R) -> [UInt8])? = nil, _ point: @escaping @Sendable (R) -> GeoPoint?
    ) -> Self {
        Self(name: name, kind: .geo, keys: { _ in [] }, cover: cover, point: point)
    }

    /// The LMDB tables this index uses.
    var tableNames: [String] {
        kind == .geo ? GeoIndex.tableNames(base: "geo:\(R.collectionName):\(name)") : ["idx:\(R.collectionName):\(name)"]
    }
}
