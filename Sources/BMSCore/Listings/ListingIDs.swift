import BMSStore

/// A property's id.
public struct PropertyID: RecordIdentifier {
    public let objectID: ObjectID

    public init(_ objectID: ObjectID) { self.objectID = objectID }
}

/// A room's id.
public struct RoomID: RecordIdentifier {
    public let objectID: ObjectID

    public init(_ objectID: ObjectID) { self.objectID = objectID }
}
