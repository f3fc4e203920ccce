import BMSStore
import Foundation

/// Where an outgoing e-mail stands. Delivery (a later issue) moves `queued` to `sent` or, after its
/// retries, `failed`.
public enum OutboxStatus: String, Codable, Sendable {
    case queued, sent, failed
}

/// One e-mail waiting in, or sent from, the persisted outbox. Cold data, so JSON.
public struct OutboxMessage: JSONRecord, Sendable, Equatable {
    public static let collectionName = "outbox"
    public static let indexes: [RecordIndex<OutboxMessage>] = []

    public var id: ObjectID
    public var recipient: EmailAddress
    public var subject: String
    public var textBody: String
    public var htmlBody: String
    public var status: OutboxStatus
    public var attempts: Int
    public var createdAt: Date
    /// The action link the message carries, so that without SMTP the server can log it and a local
    /// operator can still complete the flow.
    public var link: String?
}
