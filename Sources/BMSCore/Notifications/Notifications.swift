import BMSStore
import Foundation

/// Persisted notifications per user. Posted in the same transaction as the change they tell of.
public struct Notifications: Sendable {
    private let records: RecordCollection<Notification>
    private let store: Store

    public init(store: Store) throws {
        self.store = store
        records = try RecordCollection(in: store)
    }

    /// `user`'s notifications newest first, at most `limit` (capped at 100), older than `before` when given.
    public func list(for user: UserID, limit: Int, before: ObjectID? = nil) throws -> [Notification] {
        try store.read { txn in
            var out: [Notification] = []
            let limit = Paging.clamp(limit)
            guard limit > 0 else { return out }
            let owner = Tuple([.id(user.objectID)])
            let range =
                before.map { KeyRange(lower: .included(owner.encoded), upper: .excluded(owner.appending(.id($0)).encoded)) }
                ?? .prefix(owner)
            try records.scan(txn, index: "user", range, direction: .reverse) { entry in
                if let notification = try records.get(txn, entry.id) { out.append(notification) }
                return out.count < limit
            }
            return out
        }
    }

    /// Marks `id` read for `user`; false when it is not theirs or does not exist.
    public func markRead(_ id: ObjectID, for user: UserID, now: Date) async throws -> Bool {
        try await store.write { [records] txn in
            guard var notification = try records.get(txn, id), notification.recipient == user else { return false }
            guard notification.readAt == nil else { return true }
            notification.readAt = now.truncatedToMicroseconds
            try records.update(txn, notification)
            return true
        }
    }

    func post(_ txn: WriteTransaction, _ notification: Notification) throws {
        try records.insert(txn, notification)
    }
}
