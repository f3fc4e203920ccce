/// What `Store.check()` found.
public struct IntegrityReport: Sendable, Equatable {
    public var recordsChecked = 0
    public var indexEntriesChecked = 0
    /// One readable line per difference between an index and its records. Empty when clean.
    public var problems: [String] = []

    public var isClean: Bool { problems.isEmpty }

    public init() {}

    mutating func merge(_ other: IntegrityReport) {
        recordsChecked += other.recordsChecked
        indexEntriesChecked += other.indexEntriesChecked
        problems += other.problems
    }
}

/// A collection as the schema sees it: its tables, and how to verify and rebuild its indexes without
/// knowing its record type.
public protocol CollectionDescription: Sendable {
    var name: String { get }
    var tableNames: [String] { get }
    func verify(in store: Store, _ txn: ReadTransaction) throws -> IntegrityReport
    /// Empties every index of the collection and writes it again from the records; returns the number
    /// of entries written.
    func rebuildIndexes(in store: Store, _ txn: WriteTransaction) throws -> Int
}

/// The `CollectionDescription` of a record type: `Schema(version: 1, collections: [CollectionSchema<User>()])`.
public struct CollectionSchema<R: Record>: CollectionDescription {
    public init() {}

    public var name: String { R.collectionName }
    public var tableNames: [String] { RecordCollection<R>.tableNames }

    public func verify(in store: Store, _ txn: ReadTransaction) throws -> IntegrityReport {
        let collection = try RecordCollection<R>(in: store)
        var report = IntegrityReport()
        var expected: [[[UInt8]: [UInt8]]] = collection.indexes.map { _ in [:] }
        var expectedPoints: [[ObjectID: GeoPoint]] = collection.indexes.map { _ in [:] }
        var expectedCovers: [[ObjectID: [UInt8]]] = collection.indexes.map { _ in [:] }

        try collection.records.scanRaw(txn, .all, direction: .forward) { key, value in
            report.recordsChecked += 1
            let record: R
            do {
                record = try collection.decode(value)
            } catch {
                report.problems.append("\(R.collectionName): record \(ObjectID(bytes: key).map(String.init) ?? "?") cannot be decoded: \(error)")
                return true
            }
            if record.id.bytes != Array(key) {
                report.problems.append("\(R.collectionName): record stored under \(ObjectID(bytes: key).map(String.init) ?? "?") has id \(record.id)")
            }
            for (position, index) in collection.indexes.enumerated() {
                if index.geo != nil {
                    if let point = index.definition.point?(record) {
                        expectedPoints[position][record.id] = point
                        expectedCovers[position][record.id] = index.cover(record)
                    }
                } else {
                    for entry in index.entries(record) where expected[position][entry.key] == nil { expected[position][entry.key] = entry.value }
                }
            }
            return true
        }

        for (position, index) in collection.indexes.enumerated() {
            let label = "\(R.collectionName).\(index.definition.name)"
            if let geo = index.geo {
                report.indexEntriesChecked += expectedPoints[position].count
                report.problems += try geo.verify(txn, expected: expectedPoints[position], covers: expectedCovers[position]).map { "\(label): \($0)" }
                continue
            }
            var missing = expected[position]
            try index.table.scanRaw(txn, .all, direction: .forward) { key, value in
                report.indexEntriesChecked += 1
                let stored = Array(key)
                switch missing.removeValue(forKey: stored) {
                case nil: report.problems.append("\(label): entry \(Hex.string(stored)) belongs to no record")
                case let want? where want != Array(value):
                    report.problems.append("\(label): entry \(Hex.string(stored)) holds \(Hex.string(Array(value))), expected \(Hex.string(want))")
                default: break
                }
                return true
            }
            for key in missing.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                report.problems.append("\(label): entry \(Hex.string(key)) is missing")
            }
        }
        return report
    }

    public func rebuildIndexes(in store: Store, _ txn: WriteTransaction) throws -> Int {
        try rebuildIndexes(named: nil, in: store, txn)
    }

    /// Empties the indexes named in `names` (every index when nil) and writes them again from the
    /// records; returns the number of entries written. A migration that adds one index builds only that
    /// one: rewriting the others in the same transaction would leave their old pages unusable until it
    /// commits, and grow the file by their size.
    public func rebuildIndexes(named names: Set<String>?, in store: Store, _ txn: WriteTransaction) throws -> Int {
        let collection = try RecordCollection<R>(in: store)
        let indexes = collection.indexes.filter { names?.contains($0.definition.name) ?? true }
        if let missing = names?.subtracting(indexes.map(\.definition.name)).min() {
            throw StoreError.unknownTable("idx:\(R.collectionName):\(missing)")
        }
        for index in indexes {
            if let geo = index.geo { try geo.removeAll(txn) } else { try index.table.removeAll(txn) }
        }
        var written = 0
        for record in try collection.all(txn) {
            for index in indexes {
                try index.add(txn, record)
                written += index.geo == nil ? index.entries(record).count : (index.definition.point?(record) == nil ? 0 : 1)
            }
        }
        return written
    }
}

extension Store {
    /// Verifies that every index entry matches its record and every record is indexed.
    public func check() throws -> IntegrityReport {
        try read { txn in
            var report = IntegrityReport()
            for collection in schema.collections { report.merge(try collection.verify(in: self, txn)) }
            return report
        }
    }

    /// Rebuilds every index from the records in one write transaction; returns the entries written.
    public func reindex() async throws -> Int {
        try await write { [self] txn in
            try schema.collections.reduce(0) { $0 + (try $1.rebuildIndexes(in: self, txn)) }
        }
    }
}
