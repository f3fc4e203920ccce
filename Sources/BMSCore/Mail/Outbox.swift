import BMSStore

/// The persisted e-mail outbox. Messages are queued in the same transaction as the change that causes
/// them (a registration, a reset request), so a message exists exactly when its token does.
public struct Outbox: Sendable {
    private let messages: RecordCollection<OutboxMessage>
    private let store: Store

    public init(store: Store) throws {
        self.store = store
        messages = try RecordCollection(in: store)
    }

    /// Messages oldest first (the order they are to be delivered in), at most `limit` (capped at 100);
    /// pass the last id of a page as `after` to get the next, newer page.
    public func messages(limit: Int, after: ObjectID?) throws -> [OutboxMessage] {
        try store.read { txn in try messages.all(txn, after: after, limit: Paging.clamp(limit)) }
    }

    func enqueue(_ txn: WriteTransaction, _ message: OutboxMessage) throws {
        try messages.insert(txn, message)
    }
}
