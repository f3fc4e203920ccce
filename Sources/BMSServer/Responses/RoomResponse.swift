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

extension RoomResponse {
    /// Members in sorted order, as the API's encoder writes them.
    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("amenities")
        writer.strings(amenities)
        writer.key("availableFrom")
        writer.optionalString(availableFrom)
        writer.key("capacity")
        writer.integer(Int64(capacity))
        writer.key("createdAt")
        writer.string(createdAt)
        writer.key("currency")
        writer.string(currency)
        writer.key("id")
        writer.string(id)
        writer.key("images")
        writer.strings(images)
        writer.key("isActive")
        writer.bool(isActive)
        writer.key("isAvailable")
        writer.bool(isAvailable)
        writer.key("price")
        writer.integer(price)
        writer.key("propertyId")
        writer.string(propertyId)
        writer.key("roomNumber")
        writer.string(roomNumber)
        writer.key("roomType")
        writer.string(roomType)
        writer.key("securityDeposit")
        writer.integer(securityDeposit)
        writer.key("updatedAt")
        writer.string(updatedAt)
        writer.endObject()
    }
}
