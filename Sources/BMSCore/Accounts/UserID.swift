import BMSStore

/// A user's id. Its own type, so that a user id cannot be passed where a property or booking id is meant.
public struct UserID: Hashable, Comparable, Sendable, Codable, LosslessStringConvertible {
    public let objectID: ObjectID

    public init(_ objectID: ObjectID) { self.objectID = objectID }

    /// Parses 24 hex characters; anything else is nil (a 404 or 422 for the caller, never a crash).
    public init?(_ text: String) {
        guard let objectID = ObjectID(text) else { return nil }
        self.objectID = objectID
    }

    public var description: String { objectID.description }

    public static func < (lhs: UserID, rhs: UserID) -> Bool { lhs.objectID < rhs.objectID }

    public init(from decoder: any Decoder) throws { objectID = try ObjectID(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try objectID.encode(to: encoder) }
}
