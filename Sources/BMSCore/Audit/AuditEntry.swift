import BMSStore
import Foundation

/// One change made to a user by someone else (an admin). `changes` maps each changed field to
/// `"old → new"`; passwords and hashes never appear.
public struct AuditEntry: JSONRecord, Sendable, Equatable {
    public static let collectionName = "audit"
    public static let indexes: [RecordIndex<AuditEntry>] = []

    public var id: ObjectID
    public var actor: UserID
    public var action: String
    public var target: UserID
    public var changes: [String: String]
    public var at: Date
}
