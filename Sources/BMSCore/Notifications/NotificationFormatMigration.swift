import BMSStore
import Foundation

/// Data schema v4: notifications were JSON records (a length, then the JSON of the Codable
/// `Notification`); they become the binary records `Notification` writes now. Their keys and index
/// entries do not change, so only the stored values are rewritten. (v5 then moves them to mailboxes.)
enum NotificationFormatMigration {
    static func apply(_ store: Store, _ txn: WriteTransaction) throws {
        guard let table = try txn.retiredTable(MailboxMigration.retiredRecords, key: ObjectIDCodec.self, value: BytesCodec.self) else { return }
        for (id, stored) in try table.entries(txn) {
            let json = try stored.withUnsafeBytes { bytes in
                var reader = RecordReader(bytes)
                return try reader.readBytes()
            }
            let notification = try json.withUnsafeBytes { try JSONCodec<JSONForm>.decode($0) }.notification
            try MailboxMigration.checkStored(notification, under: id)
            try table.put(txn, id, NotificationCodec.encode(notification))
        }
    }

    /// The JSON a notification was stored as before v4.
    private struct JSONForm: Codable {
        var id: ObjectID
        var recipient: UserID
        var kind: NotificationKind
        var title: String
        var body: String
        var link: String?
        var createdAt: Date
        var readAt: Date?

        var notification: Notification {
            Notification(id: id, recipient: recipient, kind: kind, title: title, body: body, link: link, createdAt: createdAt, readAt: readAt)
        }
    }
}

/// Data schema v5: notifications move from a collection keyed by id, with an index by recipient, into
/// `Notifications`' one table keyed by recipient then id; the collection's two tables are dropped.
enum MailboxMigration {
    static let retiredRecords = "records:notifications"
    static let retiredIndex = "idx:notifications:user"

    static func apply(_ store: Store, _ txn: WriteTransaction) throws {
        let mailboxes = try Notifications.table(in: store)
        if let records = try txn.retiredTable(retiredRecords, key: ObjectIDCodec.self, value: NotificationCodec.self) {
            for (id, notification) in try records.entries(txn) {
                try checkStored(notification, under: id)
                try mailboxes.put(txn, MailboxKey(notification), notification)
            }
        }
        try txn.dropRetiredTable(retiredRecords)
        try txn.dropRetiredTable(retiredIndex)
    }

    /// Throws unless a record of the retired collection is stored under its own id (v4 and v5 both check).
    static func checkStored(_ notification: Notification, under id: ObjectID) throws {
        guard notification.id == id else {
            throw StoreError.corrupt(table: retiredRecords, reason: "record \(id) holds notification \(notification.id)")
        }
    }
}
