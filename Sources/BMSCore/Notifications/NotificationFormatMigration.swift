import BMSStore
import Foundation

/// Data schema v4: notifications were JSON records (a length, then the JSON of the Codable
/// `Notification`); they become the binary records `Notification` writes now. Their keys and index
/// entries do not change, so only the stored values are rewritten.
enum NotificationFormatMigration {
    static func apply(_ store: Store, _ txn: WriteTransaction) throws {
        let table = try store.table("records:\(Notification.collectionName)", key: ObjectIDCodec.self, value: BytesCodec.self)
        for (id, stored) in try table.entries(txn) {
            let json = try stored.withUnsafeBytes { bytes in
                var reader = RecordReader(bytes)
                return try reader.readBytes()
            }
            let notification = try json.withUnsafeBytes { try JSONCodec<JSONForm>.decode($0) }.notification
            guard notification.id == id else {
                throw StoreError.corrupt(table: Notification.collectionName, reason: "record \(id) holds notification \(notification.id)")
            }
            var writer = RecordWriter()
            notification.encode(to: &writer)
            try table.put(txn, id, writer.bytes)
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
