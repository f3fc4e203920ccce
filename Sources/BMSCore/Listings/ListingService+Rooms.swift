import BMSStore
import Foundation

extension ListingService {
    /// Adds a room to a property of `actor`'s (or any, for an admin).
    public func createRoom(_ form: RoomForm, by actor: User) async throws -> Room {
        let now = now()
        guard let raw = form.propertyId else { throw ListingError.validation(["propertyId": "is required"]) }
        guard let propertyID = PropertyID(raw) else { throw ListingError.validation(["propertyId": "must be a property id"]) }
        return try await store.write { [self] txn in
            let (record, _) = try managedProperty(txn, propertyID, by: actor)
            let room = try Self.newRoom(form, of: propertyID, now: now)
            try insert(txn, room)
            try save(txn, record.property)
            return room
        }
    }

    /// The room if `viewer` may see its property and it is not deleted (owners and admins see deleted
    /// rooms too).
    public func room(_ id: RoomID, viewer: User?) throws -> Room? {
        try store.read { txn in try visibleRoom(txn, id, viewer: viewer)?.room }
    }

    /// The active rooms of a property `viewer` may see (all rooms for its owner and admins), or nil.
    public func rooms(of propertyID: PropertyID, viewer: User?) throws -> [Room]? {
        try property(propertyID, viewer: viewer)?.rooms
    }

    /// Changes what `form` sends (not the property). Owner or admin.
    public func updateRoom(_ id: RoomID, _ form: RoomForm, by actor: User) async throws -> Room {
        let now = now()
        return try await store.write { [self] txn in
            var (room, property) = try managedRoom(txn, id, by: actor)
            if let sent = form.propertyId, sent != room.propertyID.description {
                throw ListingError.validation(["propertyId": "a room cannot move to another property"])
            }
            let fields = try RoomFields(form, creating: false)
            let before = room
            if let value = fields.roomNumber { room.roomNumber = value }
            if let value = fields.roomType { room.roomType = value }
            if let value = fields.price { room.price = value }
            if let value = fields.securityDeposit { room.securityDeposit = value }
            if let value = fields.capacity { room.capacity = value }
            if let value = fields.amenities { room.amenities = value }
            if let value = form.isAvailable { room.isAvailable = value }
            if let value = fields.availableFrom { room.availableFrom = value }
            guard room != before else { return room }
            room.updatedAt = now
            do {
                try rooms.update(txn, RoomRecord(room))
            } catch StoreError.uniqueViolation(_, field: "roomNumber") {
                throw ListingError.roomNumberTaken
            }
            try save(txn, property)
            return room
        }
    }

    /// Deletes a room as far as anyone can tell (kept, inactive, for past bookings; its photos released).
    /// Refused with `stillBooked` while bookings hold its beds tonight or later.
    public func deleteRoom(_ id: RoomID, by actor: User) async throws {
        let now = now()
        try await store.write { [self] txn in
            var (room, property) = try managedRoom(txn, id, by: actor)
            guard room.isActive else { return }
            let today = CalendarDate(now, inZone: property.timeZone)
            if try isBooked(txn, room, from: today, now: now) {
                throw ListingError.stillBooked("room \(room.roomNumber) has current or future bookings; cancel them first")
            }
            for digest in room.images { try media.release(txn, digest) }
            room.images = []
            room.isActive = false
            room.updatedAt = now
            try rooms.update(txn, RoomRecord(room))
            try save(txn, property)
        }
    }

    // MARK: Helpers

    func insert(_ txn: WriteTransaction, _ room: Room) throws {
        do {
            try rooms.insert(txn, RoomRecord(room))
        } catch StoreError.uniqueViolation(_, field: "roomNumber") {
            throw ListingError.roomNumberTaken
        }
    }

    func visibleRoom(_ txn: some Transaction, _ id: RoomID, viewer: User?) throws -> RoomRecord? {
        guard let record = try rooms.get(txn, id.objectID),
            let property = try visibleProperty(txn, record.room.propertyID, viewer: viewer)
        else { return nil }
        return record.room.isActive || Self.manages(viewer, property.property) ? record : nil
    }

    /// The room and its property for a change by `actor`, who must manage the property.
    func managedRoom(_ txn: some Transaction, _ id: RoomID, by actor: User) throws -> (Room, Property) {
        guard let record = try rooms.get(txn, id.objectID) else { throw ListingError.notFound }
        let (property, _) = try managedProperty(txn, record.room.propertyID, by: actor)
        return (record.room, property.property)
    }
}

/// The validated fields of a room form; nil where the form sent nothing.
extension ListingService {
    /// A new room of `propertyID` from a create form, validated like every create.
    static func newRoom(_ form: RoomForm, of propertyID: PropertyID, now: Date) throws -> Room {
        let fields = try RoomFields(form, creating: true)
        return Room(
            id: RoomID(ObjectID(time: now)), propertyID: propertyID, roomNumber: fields.roomNumber!, roomType: fields.roomType!,
            price: fields.price!, securityDeposit: fields.securityDeposit ?? .zero, capacity: fields.capacity!,
            amenities: fields.amenities ?? AmenitySet([]), images: [], isAvailable: form.isAvailable ?? true,
            availableFrom: fields.availableFrom ?? nil, isActive: true, createdAt: now, updatedAt: now
        )
    }
}

struct RoomFields {
    var roomNumber: String?
    var roomType: RoomType?
    var price: Money?
    var securityDeposit: Money?
    var capacity: Int?
    var amenities: AmenitySet?
    /// nil: not sent; .some(nil): cleared.
    var availableFrom: CalendarDate??

    init(_ form: RoomForm, creating: Bool) throws {
        var errors = FieldErrors()
        if creating || form.roomNumber != nil { roomNumber = errors.check("roomNumber", ListingRules.text(form.roomNumber, 1...20)) }
        if creating || form.roomType != nil { roomType = errors.check("roomType", ListingRules.named(form.roomType, RoomType.self)) }
        if creating || form.price != nil { price = errors.check("price", ListingRules.amount(form.price, minimum: 1)) }
        if let deposit = form.securityDeposit { securityDeposit = errors.check("securityDeposit", ListingRules.amount(deposit, minimum: 0)) }
        if creating || form.capacity != nil { capacity = errors.check("capacity", ListingRules.capacity(form.capacity)) }
        if let list = form.amenities { amenities = errors.check("amenities", ListingRules.amenities(list)) }
        if let date = form.availableFrom { availableFrom = errors.check("availableFrom", ListingRules.date(date)) }
        guard errors.problems.isEmpty else { throw ListingError.validation(errors.problems) }
    }
}
