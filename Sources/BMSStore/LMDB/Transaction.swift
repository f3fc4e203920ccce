import CLMDB

/// An open LMDB transaction as the store's tables see it. Clients cannot use it directly: they pass it
/// to `Table` and `Collection` methods.
public struct TransactionHandle {
    let raw: OpaquePointer
}

/// What reading operations accept: a read transaction, or a write transaction (which sees its own writes).
public protocol Transaction {
    var handle: TransactionHandle { get }
}

/// A read-only snapshot. It exists only inside `Store.read { txn in … }`, a synchronous closure, so it
/// cannot outlive the call or cross an `await`; it is not `Sendable`, so it cannot reach another task.
public struct ReadTransaction: Transaction {
    public let handle: TransactionHandle
}

/// A write transaction, given to the closures passed to `Store.write`. Everything a closure writes
/// commits together, or not at all if the closure throws.
public struct WriteTransaction: Transaction {
    public let handle: TransactionHandle
    let status: WriteStatus
}

/// What a batch's transactions did that the writer acts on after them: whether an operation hit
/// `MDB_MAP_FULL` (the writer then grows the map and runs the batch again, whatever error the closure
/// turned that into), and which tables they changed (counted after the commit, `TableChanges`).
final class WriteStatus {
    var hitMapFull = false
    var changedTables: Set<MDB_dbi> = []
}

@available(*, unavailable)
extension ReadTransaction: Sendable {}

@available(*, unavailable)
extension WriteTransaction: Sendable {}

@available(*, unavailable)
extension TransactionHandle: Sendable {}

extension WriteTransaction {
    /// Like `check`, and notes `MDB_MAP_FULL` for the writer.
    func throwIfFailed(_ code: Int32, _ operation: @autoclosure () -> String) throws(StoreError) {
        if code == MDB_MAP_FULL { status.hitMapFull = true }
        try BMSStore.throwIfFailed(code, operation())
    }
}

extension WriteTransaction {
    /// A handle to the table `name` that the schema no longer declares, or nil if the file has none: for a
    /// migration that moves a retired table's entries elsewhere before dropping it.
    public func retiredTable<K: Codec, V: Codec>(_ name: String, key: K.Type, value: V.Type) throws -> Table<K, V>? {
        var dbi: MDB_dbi = 0
        let rc = mdb_dbi_open(handle.raw, name, 0, &dbi)
        if rc == MDB_NOTFOUND { return nil }
        try throwIfFailed(rc, "mdb_dbi_open(\(name))")
        return Table(name: name, dbi: dbi)
    }

    /// Deletes the table `name` from the file, if it is there: for a migration that retires a table (an
    /// index, say) that the schema no longer declares, whose pages would otherwise stay in the file.
    public func dropRetiredTable(_ name: String) throws {
        guard let table = try retiredTable(name, key: BytesCodec.self, value: BytesCodec.self) else { return }
        try throwIfFailed(mdb_drop(handle.raw, table.dbi, 1), "mdb_drop(\(name))")
        status.changedTables.insert(table.dbi)
    }
}
