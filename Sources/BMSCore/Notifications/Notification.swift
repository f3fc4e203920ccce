import BMSStore
import Foundation

/// What a notification is about; the web UI picks its icon and wording by it.
public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    case propertyPending = "property-pending"
    case propertyVerified = "property-verified"
    case propertyRejected = "property-rejected"
    case bookingRequest = "booking-request"
    case bookingUpdate = "booking-update"
    case bookingConfirmed = "booking-confirmed"
}

/// A message for one user, persisted so that it is there when they next look (live delivery over the
/// WebSocket comes on top). Listed newest first; reading marks it read.
///
/// Stored as a compact binary record under its recipient (see `Notifications`): one is written with
/// every booking request, where JSON encoding was a tenth of the writer's time (data schema v4 converted
/// the JSON records of earlier files).
public struct Notification: Sendable, Equatable {
    public var id: ObjectID
    public var recipient: UserID
    public var kind: NotificationKind
    public var title: String
    public var body: String
    /// Where the web UI takes the user ("/owner/properties/…").
    public var link: String?
    public var createdAt: Date
    public var readAt: Date?
}

extension Notification {
    private static let formatVersion: UInt8 = 1

    func encode(to writer: inout RecordWriter) {
        writer.write(Self.formatVersion)
        writer.write(id)
        writer.write(recipient.objectID)
        writer.write(kind.rawValue)
        writer.write(title)
        writer.write(body)
        writer.writeOptional(link) { $0.write($1) }
        writer.write(createdAt)
        writer.writeOptional(readAt) { $0.write($1) }
    }

    init(from reader: inout RecordReader) throws {
        try reader.expectFormat(Self.formatVersion, of: Notifications.tableName)
        id = try reader.readObjectID()
        recipient = UserID(try reader.readObjectID())
        guard let kind = NotificationKind(rawValue: try reader.readString()) else {
            throw StoreError.corrupt(table: Notifications.tableName, reason: "unknown notification kind")
        }
        self.kind = kind
        title = try reader.readString()
        body = try reader.readString()
        link = try reader.readOptional { try $0.readString() }
        createdAt = try reader.readDate()
        readAt = try reader.readOptional { try $0.readDate() }
    }
}

/// A notification as stored bytes.
enum NotificationCodec: Codec {
    static func encode(_ notification: Notification) -> [UInt8] {
        var writer = RecordWriter()
        notification.encode(to: &writer)
        return writer.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Notification {
        var reader = RecordReader(bytes)
        return try Notification(from: &reader)
    }
}
