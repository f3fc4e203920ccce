import BMSStore

/// The audit log: who changed which user, when, and what. Entries are written in the same transaction
/// as the change itself, so there is no change without its entry.
public struct AuditLog: Sendable {
    private let entries: RecordCollection<AuditEntry>
    private let store: Store

    public init(store: Store) throws {
        self.store = store
        entries = try RecordCollection(in: store)
    }

    /// Entries oldest first, at most `limit` (capped at 100); pass the last id of a page as `after` to
    /// get the next, newer page.
    public func entries(limit: Int, after: ObjectID?) throws -> [AuditEntry] {
        try store.read { txn in try entries.all(txn, after: after, limit: Paging.clamp(limit)) }
    }

    func append(_ txn: WriteTransaction, _ entry: AuditEntry) throws {
        try entries.insert(txn, entry)
    }
}
