import BMSStore

extension ListingService {
    /// Writes ready-made properties with their rooms in one transaction: for bulk loading (migrations
    /// from another system, benchmark data sets), where one request per record would take hours. The
    /// caller has validated the values; ids must be new. Search cards and every index are built as for
    /// properties created one by one.
    public func importListings(_ batch: [(property: Property, rooms: [Room])]) async throws {
        try await store.write { [self] txn in
            for (property, propertyRooms) in batch {
                for room in propertyRooms {
                    guard room.propertyID == property.id else {
                        throw ListingError.validation(["rooms": "room \(room.id) belongs to property \(room.propertyID), not \(property.id)"])
                    }
                    try insert(txn, room)
                }
                try properties.insert(txn, PropertyRecord(property, rooms: propertyRooms))
            }
        }
    }
}
