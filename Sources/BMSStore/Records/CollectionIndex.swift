import CLMDB

/// One declared index of a collection bound to its tables: how its entries are derived from a record,
/// written, moved, removed and scanned.
///
/// Unique entries are `key → id`. Secondary entries are `key ++ (id) → cover`: the id element at the end
/// keeps keys distinct, orders equal keys by id, and lets a prefix scan over the key find them all.
struct CollectionIndex<R: Record>: Sendable {
    let definition: RecordIndex<R>
    /// The entries of a unique or secondary index (unused by a geo index, which has its own tables).
    private let keyed: Table<BytesCodec, BytesCodec>?
    let geo: GeoIndex?

    init(definition: RecordIndex<R>, store: Store) throws {
        self.definition = definition
        if definition.kind == .geo {
            keyed = nil
            geo = try GeoIndex(base: "geo:\(R.collectionName):\(definition.name)", in: store)
        } else {
            keyed = try store.table(definition.tableNames[0], key: BytesCodec.self, value: BytesCodec.self)
            geo = nil
        }
    }

    var table: Table<BytesCodec, BytesCodec> {
        get throws(StoreError) {
            guard let keyed else { throw StoreError.unknownTable("\(R.collectionName).\(definition.name) (a geo index)") }
            return keyed
        }
    }

    /// One stored entry: its key and value.
    typealias Entry = (key: [UInt8], value: [UInt8])

    /// The stored entries for `record`. An array, not a dictionary: most indexes give one entry per
    /// record, and hashing the key bytes cost more than the write on the booking path.
    func entries(_ record: R) -> [Entry] {
        switch definition.kind {
        case .unique:
            return definition.keys(record).map { ($0.encoded, record.id.bytes) }
        case .secondary:
            let cover = cover(record)
            return definition.keys(record).map { ($0.appending(.id(record.id)).encoded, cover) }
        case .geo:
            return []
        }
    }

    /// The bytes stored beside each of `record`'s entries (empty when the index covers nothing).
    func cover(_ record: R) -> [UInt8] { definition.cover?(record) ?? [] }

    func add(_ txn: WriteTransaction, _ record: R) throws {
        if let geo {
            if let point = definition.point?(record) { try geo.put(txn, record.id, at: point, cover: cover(record)) }
            return
        }
        for entry in entries(record) { try table.putRaw(txn, entry.key, entry.value, flags: 0) }
    }

    func remove(_ txn: WriteTransaction, _ record: R) throws {
        if let geo {
            try geo.remove(txn, record.id)
            return
        }
        for entry in entries(record) { _ = try table.deleteRaw(txn, entry.key) }
    }

    /// Rewrites only what changed between two versions of a record.
    func move(_ txn: WriteTransaction, from old: R, to new: R) throws {
        if let geo {
            let (before, after) = (definition.point?(old), definition.point?(new))
            let newCover = cover(new)
            if before == after, cover(old) == newCover { return }
            if let after { try geo.put(txn, new.id, at: after, cover: newCover) } else { try geo.remove(txn, new.id) }
            return
        }
        let (before, after) = (entries(old), entries(new))
        if before.elementsEqual(after, by: { $0.key == $1.key && $0.value == $1.value }) { return }
        let kept = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let wanted = Dictionary(after, uniquingKeysWith: { first, _ in first })
        for key in kept.keys where wanted[key] == nil { _ = try table.deleteRaw(txn, key) }
        for (key, value) in wanted where kept[key] != value { try table.putRaw(txn, key, value, flags: 0) }
    }

    func uniqueOwner(_ txn: some Transaction, _ key: [UInt8]) throws -> ObjectID? {
        try table.getRaw(txn, key) { ObjectID(bytes: $0) }.flatMap { $0 }
    }

    /// The index's kind and name are read once per scan, not per entry: this code is generic over the
    /// record type and not specialized across modules, so every read of `definition` inside the loop asks
    /// the runtime for `CollectionIndex<R>`'s metadata (12 % of a city search).
    func scan(
        _ txn: some Transaction, _ range: KeyRange, direction: ScanDirection, _ body: (IndexEntry) throws -> Bool
    ) throws {
        let (isUnique, name) = (definition.kind == .unique, definition.name)
        try self.table.scanRaw(txn, range, direction: direction) { key, value in
            try body(try IndexEntry(storedKey: key, value: value, isUnique: isUnique, index: name))
        }
    }

    func scan(_ txn: some Transaction, ranges: [KeyRange], _ body: (IndexEntry) throws -> Bool) throws {
        let (isUnique, name) = (definition.kind == .unique, definition.name)
        try self.table.scanRaw(txn, ranges: ranges) { key, value in
            try body(try IndexEntry(storedKey: key, value: value, isUnique: isUnique, index: name))
        }
    }
}
