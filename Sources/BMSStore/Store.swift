import CLMDB
import Foundation

/// The BookMySleep data file: one LMDB environment holding every collection, index and table, with a
/// single group-committing writer.
///
/// ```swift
/// let store = try Store.open(at: "./bms-data", schema: schema)
/// try await store.write { txn in try users.insert(txn, user) }
/// let user = try store.read { txn in try users.get(txn, id) }
/// ```
public final class Store: Sendable {
    let environment: Environment
    let writer: GroupCommitWriter
    private let changes: TableChanges
    public let schema: Schema
    private let tables: [String: MDB_dbi]

    /// Where the data lives: a directory with `data.mdb`, or a single data file (such as a backup).
    public var path: String { environment.path }

    private init(environment: Environment, writer: GroupCommitWriter, changes: TableChanges, schema: Schema, tables: [String: MDB_dbi]) {
        self.environment = environment
        self.writer = writer
        self.changes = changes
        self.schema = schema
        self.tables = tables
    }

    /// Opens (or creates) the data at `path`, refusing files that are not ours or come from a newer
    /// version — both without writing to them — then creates missing tables and runs forward migrations.
    /// `announce` hears of each migration before any runs (a large file can take a while), with the
    /// version the file had.
    public static func open(
        at path: String, options: StoreOptions = StoreOptions(), schema: Schema, announce: (_ from: Int, Migration) -> Void = { _, _ in }
    ) throws -> Store {
        let environment = try Environment(path: path, options: options)
        do {
            let found = try environment.withReadTransaction { try Meta.readVersion($0, path: environment.isFile ? path : path + "/data.mdb") }
            if let found, found > schema.version {
                throw StoreError.newerSchema(path: environment.isFile ? path : path + "/data.mdb", found: found, supported: schema.version)
            }
            let tables = try createTables(schema.allTableNames, in: environment)
            let changes = TableChanges(lastTransaction: environment.lastCommittedTransaction() ?? 0)
            let writer = GroupCommitWriter(environment: environment, maximumBatch: options.maximumBatch, changes: changes)
            let store = Store(environment: environment, writer: writer, changes: changes, schema: schema, tables: tables)
            do {
                try store.migrate(from: found, announce: announce)
            } catch {
                store.close()
                throw error
            }
            return store
        } catch {
            environment.close()
            throw error
        }
    }

    private static func createTables(_ names: [String], in environment: Environment) throws -> [String: MDB_dbi] {
        let txn = try environment.beginWrite()
        var tables: [String: MDB_dbi] = [:]
        for name in names {
            var dbi: MDB_dbi = 0
            let rc = mdb_dbi_open(txn, name, UInt32(MDB_CREATE), &dbi)
            if rc != 0 {
                mdb_txn_abort(txn)
                throw StoreError.lmdb(operation: "mdb_dbi_open(\(name))", code: rc)
            }
            tables[name] = dbi
        }
        try throwIfFailed(mdb_txn_commit(txn), "mdb_txn_commit(open tables)")
        return tables
    }

    private func migrate(from found: Int?, announce: (_ from: Int, Migration) -> Void) throws {
        let target = schema.version
        if found == target { return }
        let pending = schema.migrations.filter { $0.version > (found ?? 0) && $0.version <= target }
            .sorted { $0.version < $1.version }
        if let found { for migration in pending { announce(found, migration) } }
        let meta = try table(Meta.tableName, key: StringCodec.self, value: BytesCodec.self)
        try writeAndWait { [self] txn in
            if found == nil {
                try meta.put(txn, Meta.formatKey, Array(Meta.formatValue.utf8))
            } else {
                for migration in pending { try migration.apply(self, txn) }
            }
            try meta.put(txn, Meta.versionKey, UInt64Codec.encode(UInt64(target)))
        }
    }

    /// A typed handle to a table the schema declared.
    public func table<K: Codec, V: Codec>(_ name: String, key: K.Type, value: V.Type) throws(StoreError) -> Table<K, V> {
        guard let dbi = tables[name] else { throw StoreError.unknownTable(name) }
        return Table(name: name, dbi: dbi)
    }

    /// Runs `body` in a read-only snapshot. Synchronous: the transaction cannot cross an `await`.
    public func read<T>(_ body: (ReadTransaction) throws -> T) throws -> T {
        try environment.withReadTransaction { try body(ReadTransaction(handle: TransactionHandle(raw: $0))) }
    }

    /// Runs `body` in a write transaction on the writer thread and returns once its commit is durable.
    /// Concurrent calls share one commit; a call whose `body` throws writes nothing and gets its error,
    /// without affecting the others. `body` may run more than once (after map growth), so it must
    /// depend only on what it reads in `txn`.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            writer.submit({ try body($0) }) { outcome in
                continuation.resume(with: outcome.map { $0 as! T })
            }
        }
    }

    /// `write` for synchronous callers (command-line tools, start-up). Blocks the calling thread.
    @available(*, noasync, message: "use write(_:) from async code")
    @discardableResult
    public func writeAndWait<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = OutcomeBox()
        writer.submit(
            { try body($0) },
            complete: { outcome in
                box.outcome = outcome
                done.signal()
            })
        done.wait()
        return try box.outcome!.get() as! T
    }

    /// How many commits have changed `collection`'s records since the store opened (every commit of
    /// another process to the file counts too). Read it before a snapshot to tag what that snapshot
    /// answers: while the count stays the same, the records are those the snapshot saw.
    public func changeCount<R: Record>(of collection: RecordCollection<R>) -> UInt64 {
        changes.count(of: collection.records.dbi, lastCommitted: environment.lastCommittedTransaction() ?? 0)
    }

    /// Write requests committed and the commits that carried them, since open.
    public var writeStatistics: WriteStatistics { writer.statistics }

    /// How much of the map is in use; nil once the store is closed.
    public var mapUsage: MapUsage? { environment.usage() }

    /// Finishes queued writes and closes the environment. Later calls fail with `StoreError.closed`.
    public func close() {
        writer.close()
        environment.close()
    }
}

/// Carries a result from the thread that answers writes (`DurableAcknowledger`) to a thread blocked on a
/// semaphore.
private final class OutcomeBox: @unchecked Sendable {
    // Safety: written once by the answering thread before `signal()`, read once after `wait()`; the
    // semaphore orders the two.
    var outcome: Result<any Sendable, any Error>?
}

extension Meta {
    /// The schema version of an existing file, nil for a new (empty) one. Throws `notOurFile` for an LMDB
    /// file that holds other data or another format marker.
    static func readVersion(_ txn: OpaquePointer, path: String) throws -> Int? {
        var dbi: MDB_dbi = 0
        let rc = mdb_dbi_open(txn, tableName, 0, &dbi)
        if rc == MDB_NOTFOUND {
            var stat = MDB_stat()
            try throwIfFailed(mdb_stat(txn, 1, &stat), "mdb_stat(main)")
            if stat.ms_entries > 0 { throw StoreError.notOurFile(path: path, reason: "an LMDB file with other data") }
            return nil
        }
        if rc == MDB_INCOMPATIBLE { throw StoreError.notOurFile(path: path, reason: "an LMDB file with other data") }
        try throwIfFailed(rc, "mdb_dbi_open(meta)")
        let meta = Table<StringCodec, BytesCodec>(name: tableName, dbi: dbi)
        let handle = ReadTransaction(handle: TransactionHandle(raw: txn))
        guard let format = try meta.get(handle, formatKey), format == Array(formatValue.utf8) else {
            throw StoreError.notOurFile(path: path, reason: "no BookMySleep format marker")
        }
        guard let version = try meta.get(handle, versionKey), version.count == 8 else {
            throw StoreError.notOurFile(path: path, reason: "no schema version")
        }
        return Int(version.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
}
