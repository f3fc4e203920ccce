import BMSStore
import Foundation

/// One change made by someone else (an admin) to a user or to something of theirs. `changes` maps each
/// changed field to `"old → new"`; passwords and hashes never appear.
public struct AuditEntry: JSONRecord, Sendable, Equatable {
    public static let collectionName = "audit"
    public static let indexes: [RecordIndex<AuditEntry>] = []

    public var id: ObjectID
    public var actor: UserID
    public var action: String
    /// The user affected.
    public var target: UserID
    /// What of theirs was changed ("property 64b0…"); nil for their account itself.
    public var subject: String? = nil
    public var changes: [String: String]
    public var at: Date
}
