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
public struct Notification: JSONRecord, Sendable, Equatable {
    public static let collectionName = "notifications"
    public static let indexes: [RecordIndex<Notification>] = [
        .secondary("user") { [.id($0.recipient.objectID), .id($0.id)] }
    ]

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
