import BMSStore
import Foundation

/// Persisted notifications per user. Posted in the same transaction as the change they tell of.
///
/// Kept in one table keyed by recipient, then id (creation order): a user's notifications are one range,
/// read in one scan, and posting one writes one entry beside that user's others. (Until data schema v5
/// they were a collection keyed by id with an index by recipient: every post wrote two B-trees, and a
/// listing read the index, then each record.)
public struct Notifications: Sendable {
    static let tableName = "mailboxes"

    private let mailboxes: Table<MailboxKeyCodec, NotificationCodec>
    private let store: Store

    public init(store: Store) throws {
        self.store = store
        mailboxes = try Self.table(in: store)
    }

    static func table(in store: Store) throws -> Table<MailboxKeyCodec, NotificationCodec> {
        try store.table(tableName, key: MailboxKeyCodec.self, value: NotificationCodec.self)
    }

    /// `user`'s notifications newest first, at most `limit` (capped at 100), older than `before` when given.
    public func list(for user: UserID, limit: Int, before: ObjectID? = nil) throws -> [Notification] {
        try store.read { txn in
            let mailbox = user.objectID.bytes
            let range = before.map { KeyRange(lower: .included(mailbox), upper: .excluded(mailbox + $0.bytes)) } ?? .prefix(mailbox)
            return try mailboxes.entries(txn, range, direction: .reverse, limit: Paging.clamp(limit)).map(\.value)
        }
    }

    /// Marks `id` read for `user`; false when it is not theirs or does not exist.
    public func markRead(_ id: ObjectID, for user: UserID, now: Date) async throws -> Bool {
        try await store.write { [mailboxes] txn in
            let key = MailboxKey(recipient: user, id: id)
            guard var notification = try mailboxes.get(txn, key) else { return false }
            guard notification.readAt == nil else { return true }
            notification.readAt = now.truncatedToMicroseconds
            try mailboxes.put(txn, key, notification)
            return true
        }
    }

    func post(_ txn: WriteTransaction, _ notification: Notification) throws {
        try mailboxes.put(txn, MailboxKey(notification), notification)
    }
}

/// Where a notification is stored: its recipient's id, then its own.
struct MailboxKey: Sendable {
    var recipient: UserID
    var id: ObjectID
}

extension MailboxKey {
    init(_ notification: Notification) { self.init(recipient: notification.recipient, id: notification.id) }
}

/// A mailbox key as the 24 bytes of the two ids: ordered by recipient, then by id.
enum MailboxKeyCodec: Codec {
    static func encode(_ key: MailboxKey) -> [UInt8] { key.recipient.objectID.bytes + key.id.bytes }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> MailboxKey {
        guard bytes.count == 24, let recipient = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<12])),
            let id = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: bytes[12...]))
        else { throw StoreError.corrupt(table: Notifications.tableName, reason: "a key that is not (recipient, id)") }
        return MailboxKey(recipient: UserID(recipient), id: id)
    }
}

/// The mailboxes table as the schema sees it, so that `bms check` reads every notification: each entry
/// must decode, and be stored under its own recipient and id. It has no indexes to rebuild.
struct MailboxSchema: CollectionDescription {
    var name: String { Notifications.tableName }
    var tableNames: [String] { [Notifications.tableName] }

    func verify(in store: Store, _ txn: ReadTransaction) throws -> IntegrityReport {
        var report = IntegrityReport()
        let entries = try store.table(Notifications.tableName, key: BytesCodec.self, value: BytesCodec.self)
        try entries.scan(txn) { key, value in
            report.recordsChecked += 1
            do {
                let stored = try key.withUnsafeBytes { try MailboxKeyCodec.decode($0) }
                let notification = try value.withUnsafeBytes { try NotificationCodec.decode($0) }
                if notification.recipient != stored.recipient || notification.id != stored.id {
                    report.problems.append(
                        "\(name): entry \(Hex.string(key)) holds notification \(notification.id) for \(notification.recipient)")
                }
            } catch {
                report.problems.append("\(name): entry \(Hex.string(key)) cannot be decoded: \(error)")
            }
            return true
        }
        return report
    }

    func rebuildIndexes(in store: Store, _ txn: WriteTransaction) throws -> Int { 0 }
}
