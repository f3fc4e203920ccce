import BMSStore

/// A user's id.
public struct UserID: RecordIdentifier {
    public let objectID: ObjectID

    public init(_ objectID: ObjectID) { self.objectID = objectID }
}
