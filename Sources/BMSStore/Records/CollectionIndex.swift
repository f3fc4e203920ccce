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

    /// The stored entries for `record`, as key → value.
    func entries(_ record: R) -> [[UInt8]: [UInt8]] {
        var out: [[UInt8]: [UInt8]] = [:]
        switch definition.kind {
        case .unique:
            for key in definition.keys(record) { out[key.encoded] = record.id.bytes }
        case .secondary:
            let cover = definition.cover?(record) ?? []
            for key in definition.keys(record) { out[key.appending(.id(record.id)).encoded] = cover }
        case .geo:
            break
        }
        return out
    }

    func add(_ txn: WriteTransaction, _ record: R) throws {
        if let geo {
            if let point = definition.point?(record) { try geo.put(txn, record.id, at: point) }
            return
        }
        for (key, value) in entries(record) { try table.putRaw(txn, key, value, flags: 0) }
    }

    func remove(_ txn: WriteTransaction, _ record: R) throws {
        if let geo {
            try geo.remove(txn, record.id)
            return
        }
        for key in entries(record).keys { _ = try table.deleteRaw(txn, key) }
    }

    /// Rewrites only what changed between two versions of a record.
    func move(_ txn: WriteTransaction, from old: R, to new: R) throws {
        if let geo {
            let (before, after) = (definition.point?(old), definition.point?(new))
            if before == after { return }
            if let after { try geo.put(txn, new.id, at: after) } else { try geo.remove(txn, new.id) }
            return
        }
        let (before, after) = (entries(old), entries(new))
        for key in before.keys where after[key] == nil { _ = try table.deleteRaw(txn, key) }
        for (key, value) in after where before[key] != value { try table.putRaw(txn, key, value, flags: 0) }
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
}
