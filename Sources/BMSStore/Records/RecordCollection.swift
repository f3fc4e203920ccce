import CLMDB
import Foundation

/// The records of one type, keyed by id, with every index the type declares kept in the same write
/// transaction as the record.
public struct RecordCollection<R: Record>: Sendable {
    let records: Table<ObjectIDCodec, BytesCodec>
    let indexes: [CollectionIndex<R>]
    /// Index positions by name: scans look their index up once per call, and searches make many calls.
    private let positions: [String: Int]

    public init(_ type: R.Type = R.self, in store: Store) throws {
        records = try store.table("records:\(R.collectionName)", key: ObjectIDCodec.self, value: BytesCodec.self)
        indexes = try R.indexes.map { try CollectionIndex(definition: $0, store: store) }
        positions = Dictionary(indexes.enumerated().map { ($1.definition.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static var tableNames: [String] { ["records:\(R.collectionName)"] + R.indexes.flatMap(\.tableNames) }

    // MARK: Reading

    public func get(_ txn: some Transaction, _ id: ObjectID) throws -> R? {
        try id.withBytes { key in try records.getRaw(txn, keyBytes: key) { try decode($0) } }
    }

    /// Record `id` read in place by `read`, which decodes only the fields it needs (a projection, such as
    /// a search hit's few fields of a property), or nil when there is none.
    public func read<T>(_ txn: some Transaction, _ id: ObjectID, _ read: (inout RecordReader) throws -> T) throws -> T? {
        try id.withBytes { key in
            try records.getRaw(txn, keyBytes: key) { bytes in
                var reader = RecordReader(bytes)
                return try read(&reader)
            }
        }
    }

    public func contains(_ txn: some Transaction, _ id: ObjectID) throws -> Bool {
        try records.contains(txn, id)
    }

    public func count(_ txn: some Transaction) throws -> Int { try records.count(txn) }

    /// Records in id order (creation order), starting after `after` when given.
    public func all(
        _ txn: some Transaction, after: ObjectID? = nil, direction: ScanDirection = .forward, limit: Int = .max
    ) throws -> [R] {
        var out: [R] = []
        guard limit > 0 else { return out }
        let range: KeyRange
        switch (after, direction) {
        case (nil, _): range = .all
        case (let id?, .forward): range = KeyRange(lower: .excluded(id.bytes))
        case (let id?, .reverse): range = KeyRange(upper: .excluded(id.bytes))
        }
        try records.scanRaw(txn, range, direction: direction) { _, value in
            out.append(try decode(value))
            return out.count < limit
        }
        return out
    }

    /// The record holding `key` in the unique index `index`.
    public func find(_ txn: some Transaction, unique index: String, _ key: Tuple) throws -> R? {
        guard let id = try self.index(index, kind: .unique).uniqueOwner(txn, key.encoded) else { return nil }
        return try get(txn, id)
    }

    /// Visits the entries of a unique or secondary index whose key (without the id) lies in `range`,
    /// in key order or reverse, until `body` returns false.
    public func scan(
        _ txn: some Transaction, index: String, _ range: KeyRange = .all, direction: ScanDirection = .forward,
        _ body: (IndexEntry) throws -> Bool
    ) throws {
        try self.index(index).scan(txn, range, direction: direction, body)
    }

    /// Entries of `index` in each of `ranges` in turn, forward, read with one cursor.
    public func scan(_ txn: some Transaction, index: String, ranges: [KeyRange], _ body: (IndexEntry) throws -> Bool) throws {
        try self.index(index).scan(txn, ranges: ranges, body)
    }

    /// How many entries `index` holds in `range`, counted no further than `limit`: the cursor steps over
    /// the keys without reading entries (what a search planner needs to compare its sources). A multi
    /// index's record counts once per entry in the range.
    public func count(_ txn: some Transaction, index: String, _ range: KeyRange, upTo limit: Int) throws -> Int {
        try self.index(index).table.countRaw(txn, range, upTo: limit)
    }

    /// Reads in place the covering bytes of record `id` in a secondary index keyed by the record's own id
    /// alone (`(id)`), or nil when it has no entry: a record's summary without decoding the record. The
    /// entry `(id, id)` is found with one lookup and a key built on the stack, without allocating — the
    /// lookup a search makes per geo candidate.
    public func cover<T>(_ txn: some Transaction, ownIDIndex index: String, of id: ObjectID, _ read: (UnsafeRawBufferPointer) throws -> T) throws
        -> T?
    {
        let table = try self.index(index, kind: .secondary).table
        return try id.withOwnIDKey { key in try table.getRaw(txn, keyBytes: key, read) }
    }

    /// Ids from an index scan, at most `limit`.
    public func ids(
        _ txn: some Transaction, index: String, _ range: KeyRange = .all, direction: ScanDirection = .forward,
        limit: Int = .max
    ) throws -> [ObjectID] {
        var out: [ObjectID] = []
        guard limit > 0 else { return out }
        try scan(txn, index: index, range, direction: direction) { entry in
            out.append(entry.id)
            return out.count < limit
        }
        return out
    }

    /// The geo index `index`, for radius and box queries.
    public func geo(_ index: String) throws -> GeoIndex {
        guard let geo = try self.index(index, kind: .geo).geo else { throw StoreError.unknownTable(index) }
        return geo
    }

    // MARK: Writing

    /// Adds a new record. Fails with `duplicateID` if the id exists, `uniqueViolation` if a unique index
    /// already holds one of its keys; in both cases nothing is written.
    public func insert(_ txn: WriteTransaction, _ record: R) throws {
        try checkUnique(txn, record)
        guard try records.putRaw(txn, record.id.bytes, encode(record), flags: UInt32(MDB_NOOVERWRITE)) else {
            throw StoreError.duplicateID(collection: R.collectionName, id: record.id)
        }
        for index in indexes { try index.add(txn, record) }
    }

    /// Replaces an existing record, moving its index entries. Fails with `recordNotFound` or
    /// `uniqueViolation` without writing anything. Returns the previous version.
    @discardableResult
    public func update(_ txn: WriteTransaction, _ record: R) throws -> R {
        guard let old = try get(txn, record.id) else {
            throw StoreError.recordNotFound(collection: R.collectionName, id: record.id)
        }
        try checkUnique(txn, record)
        for index in indexes { try index.move(txn, from: old, to: record) }
        try records.putRaw(txn, record.id.bytes, encode(record), flags: 0)
        return old
    }

    /// Inserts or updates.
    public func save(_ txn: WriteTransaction, _ record: R) throws {
        if try contains(txn, record.id) { try update(txn, record) } else { try insert(txn, record) }
    }

    /// Removes a record and its index entries; returns it, or nil if there was none.
    @discardableResult
    public func delete(_ txn: WriteTransaction, _ id: ObjectID) throws -> R? {
        guard let old = try get(txn, id) else { return nil }
        for index in indexes { try index.remove(txn, old) }
        _ = try records.deleteRaw(txn, id.bytes)
        return old
    }

    // MARK: Helpers

    private func checkUnique(_ txn: WriteTransaction, _ record: R) throws {
        for index in indexes where index.definition.kind == .unique {
            for key in index.definition.keys(record) {
                if let owner = try index.uniqueOwner(txn, key.encoded), owner != record.id {
                    throw StoreError.uniqueViolation(collection: R.collectionName, field: index.definition.name)
                }
            }
        }
    }

    func index(_ name: String, kind: RecordIndex<R>.Kind? = nil) throws(StoreError) -> CollectionIndex<R> {
        guard let position = positions[name], kind == nil || indexes[position].definition.kind == kind else {
            throw StoreError.unknownTable("\(R.collectionName).\(name)")
        }
        return indexes[position]
    }

    func encode(_ record: R) -> [UInt8] {
        var writer = RecordWriter()
        record.encode(to: &writer)
        return writer.bytes
    }

    func decode(_ bytes: UnsafeRawBufferPointer) throws -> R {
        var reader = RecordReader(bytes)
        return try R(from: &reader)
    }
}

/// One entry met by an index scan.
public struct IndexEntry {
    /// The encoded index key, without the record id.
    public let keyBytes: UnsafeRawBufferPointer
    /// The whole stored key (index key and id): a scan resumed with `.excluded(position)` as its lower
    /// bound (or upper, in reverse) continues right after this entry, which is what cursors need.
    public let position: UnsafeRawBufferPointer
    public let id: ObjectID
    /// The covering bytes stored beside the entry (empty when the index covers nothing).
    public let cover: UnsafeRawBufferPointer

    /// The index key as a tuple.
    public var key: Tuple { get throws { try Tuple(decoding: keyBytes) } }

    /// Bytes of the trailing `(id)` tuple element on secondary keys.
    static let idSuffixLength = 13

    /// An entry from its stored key and value: unique entries are `key → id`, secondary ones
    /// `key ++ (id) → cover`.
    init(storedKey key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, isUnique: Bool, index: String) throws {
        let suffix = Self.idSuffixLength
        guard isUnique || key.count >= suffix,
            let id = ObjectID(bytes: isUnique ? value : UnsafeRawBufferPointer(rebasing: key[(key.count - suffix + 1)...]))
        else { throw StoreError.corrupt(table: index, reason: "entry without a record id") }
        self.id = id
        keyBytes = isUnique ? key : UnsafeRawBufferPointer(rebasing: key[..<(key.count - suffix)])
        position = key
        cover = isUnique ? UnsafeRawBufferPointer(start: nil, count: 0) : value
    }
}

@available(*, unavailable)
extension IndexEntry: Sendable {}
