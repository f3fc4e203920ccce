import BMSStore

/// An id of one kind of record. Each kind is its own type (`UserID`, `PropertyID`, `RoomID`), so that a
/// room id cannot be passed where a property id is meant; they share this behaviour.
public protocol RecordIdentifier: Hashable, Comparable, Sendable, Codable, LosslessStringConvertible {
    var objectID: ObjectID { get }
    init(_ objectID: ObjectID)
}

extension RecordIdentifier {
    /// Parses 24 hex characters; anything else is nil (a 404 or 422 for the caller, never a crash).
    public init?(_ text: String) {
        guard let objectID = ObjectID(text) else { return nil }
        self.init(objectID)
    }

    public var description: String { objectID.description }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.objectID < rhs.objectID }

    public init(from decoder: any Decoder) throws { self.init(try ObjectID(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try objectID.encode(to: encoder) }
}
