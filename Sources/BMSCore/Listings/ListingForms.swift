/// The body of a property create or update, as sent: every field optional, so that validation can name
/// each bad one in a single answer, and so that an update changes only what it sends.
public struct PropertyForm: Sendable, Decodable {
    public var propertyName: String?
    public var description: String?
    public var address: AddressForm?
    public var propertyType: String?
    public var amenities: [String]?
    public var rules: [String]?
    public var timeZone: String?
    public var cancellationPolicy: String?
    public var instantBook: Bool?
    /// Owners pause and resume a listing with it.
    public var isActive: Bool?

    public init(
        propertyName: String? = nil, description: String? = nil, address: AddressForm? = nil, propertyType: String? = nil,
        amenities: [String]? = nil, rules: [String]? = nil, timeZone: String? = nil, cancellationPolicy: String? = nil,
        instantBook: Bool? = nil, isActive: Bool? = nil
    ) {
        self.propertyName = propertyName
        self.description = description
        self.address = address
        self.propertyType = propertyType
        self.amenities = amenities
        self.rules = rules
        self.timeZone = timeZone
        self.cancellationPolicy = cancellationPolicy
        self.instantBook = instantBook
        self.isActive = isActive
    }
}

public struct AddressForm: Sendable, Decodable {
    public var street: String?
    public var locality: String?
    public var city: String?
    public var state: String?
    public var country: String?
    public var zipCode: String?
    public var coordinates: CoordinatesForm?

    public init(
        street: String? = nil, locality: String? = nil, city: String? = nil, state: String? = nil, country: String? = nil,
        zipCode: String? = nil, coordinates: CoordinatesForm? = nil
    ) {
        self.street = street
        self.locality = locality
        self.city = city
        self.state = state
        self.country = country
        self.zipCode = zipCode
        self.coordinates = coordinates
    }
}

public struct CoordinatesForm: Sendable, Decodable {
    public var lat: Double?
    public var lng: Double?

    public init(lat: Double? = nil, lng: Double? = nil) {
        self.lat = lat
        self.lng = lng
    }
}

/// The body of a room create or update; `propertyId` only on create. Amounts are minor units.
public struct RoomForm: Sendable, Decodable {
    public var propertyId: String?
    public var roomNumber: String?
    public var roomType: String?
    public var price: Int64?
    public var securityDeposit: Int64?
    public var capacity: Int?
    public var amenities: [String]?
    public var isAvailable: Bool?
    /// "YYYY-MM-DD"; an empty string clears it.
    public var availableFrom: String?

    public init(
        propertyId: String? = nil, roomNumber: String? = nil, roomType: String? = nil, price: Int64? = nil,
        securityDeposit: Int64? = nil, capacity: Int? = nil, amenities: [String]? = nil, isAvailable: Bool? = nil,
        availableFrom: String? = nil
    ) {
        self.propertyId = propertyId
        self.roomNumber = roomNumber
        self.roomType = roomType
        self.price = price
        self.securityDeposit = securityDeposit
        self.capacity = capacity
        self.amenities = amenities
        self.isAvailable = isAvailable
        self.availableFrom = availableFrom
    }
}

/// An admin's decision on a property.
public struct VerificationDecision: Sendable, Decodable {
    public var status: String?
    public var reason: String?

    public init(status: String? = nil, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }
}
