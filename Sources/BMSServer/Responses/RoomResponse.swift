import BMSCore

/// A room as the API shows it: amounts in minor units (paise) of the installation's currency.
struct RoomResponse: Encodable, Sendable {
    /// Every amount is in this currency; one per installation.
    static let currency = "INR"

    let id: String
    let propertyId: String
    let roomNumber: String
    let roomType: String
    /// Rent per bed per month.
    let price: Int64
    let securityDeposit: Int64
    let currency: String
    /// Beds.
    let capacity: Int
    let amenities: [String]
    let images: [String]
    let isAvailable: Bool
    /// First night that may be booked (YYYY-MM-DD); null for at once.
    @Nullable var availableFrom: String?
    let isActive: Bool
    let createdAt: String
    let updatedAt: String

    init(_ room: Room) {
        id = room.id.description
        propertyId = room.propertyID.description
        roomNumber = room.roomNumber
        roomType = room.roomType.name
        price = room.price.minorUnits
        securityDeposit = room.securityDeposit.minorUnits
        currency = Self.currency
        capacity = room.capacity
        amenities = room.amenities.amenities.map(\.rawValue)
        images = room.images.map(MediaController.path)
        isAvailable = room.isAvailable
        availableFrom = room.availableFrom?.description
        isActive = room.isActive
        createdAt = UserResponse.timestamp(room.createdAt)
        updatedAt = UserResponse.timestamp(room.updatedAt)
    }
}

/// `{ "room": … }`, for answers about one room.
struct RoomEnvelope: Encodable, Sendable {
    let room: RoomResponse

    init(_ room: Room) { self.room = RoomResponse(room) }
}

/// `{ "rooms": […] }`.
struct RoomList: Encodable, Sendable {
    let rooms: [RoomResponse]
}
