import BMSStore
import Foundation

/// Where a property is: postal address and the point on the map that geo search uses.
public struct Address: Hashable, Sendable {
    public var street: String
    /// The neighbourhood ("Koramangala"); searched as text and shown on result cards.
    public var locality: String
    public var city: String
    public var state: String
    public var country: String
    public var zipCode: String
    public var coordinates: GeoPoint

    public init(
        street: String, locality: String, city: String, state: String, country: String, zipCode: String,
        coordinates: GeoPoint
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

/// A PG, hostel or flat that an owner lists, with its rooms kept as their own records.
public struct Property: Hashable, Sendable {
    public let id: PropertyID
    public let ownerID: UserID
    /// The owner's name when the property was last saved, shown on the property page without a lookup.
    public var ownerName: String
    public var name: String
    public var description: String
    public var address: Address
    public var propertyType: PropertyType
    public var amenities: AmenitySet
    /// Photos in display order; the first is the cover.
    public var images: [MediaDigest]
    public var rules: [String]
    /// False while the owner pauses it, and once it is deleted.
    public var isActive: Bool
    public var verification: VerificationStatus
    /// Why an admin rejected it; nil otherwise.
    public var verificationReason: String?
    /// Average review rating 0…5 (0 with no reviews), kept by the reviews domain.
    public var rating: Double
    public var reviewCount: Int
    /// IANA zone of the property's dates and times ("Asia/Kolkata").
    public var timeZone: String
    public var cancellationPolicy: CancellationPolicy
    /// Paid bookings confirm at once; otherwise the owner approves each.
    public var instantBook: Bool
    public let createdAt: Date
    public var updatedAt: Date
    /// When its owner (or an admin) deleted it. A deleted property is kept for the history of its bookings
    /// but can no longer be changed, verified, booked or brought back.
    public var deletedAt: Date?

    public init(
        id: PropertyID, ownerID: UserID, ownerName: String, name: String, description: String, address: Address,
        propertyType: PropertyType, amenities: AmenitySet, images: [MediaDigest], rules: [String], isActive: Bool,
        verification: VerificationStatus, verificationReason: String?, rating: Double, reviewCount: Int,
        timeZone: String, cancellationPolicy: CancellationPolicy, instantBook: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.ownerID = ownerID
        self.ownerName = ownerName
        self.name = name
        self.description = description
        self.address = address
        self.propertyType = propertyType
        self.amenities = amenities
        self.images = images
        self.rules = rules
        self.isActive = isActive
        self.verification = verification
        self.verificationReason = verificationReason
        self.rating = rating
        self.reviewCount = reviewCount
        self.timeZone = timeZone
        self.cancellationPolicy = cancellationPolicy
        self.instantBook = instantBook
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether the public may see it: verified, active and not deleted.
    public var isPublic: Bool { isActive && deletedAt == nil && verification == .verified }
}

/// A room of a property: beds of one type at one monthly price per bed.
public struct Room: Hashable, Sendable {
    public let id: RoomID
    public let propertyID: PropertyID
    /// Unique among the property's active rooms ("101", "G-2").
    public var roomNumber: String
    public var roomType: RoomType
    /// Rent per bed per month.
    public var price: Money
    public var securityDeposit: Money
    /// Beds.
    public var capacity: Int
    public var amenities: AmenitySet
    public var images: [MediaDigest]
    /// The owner's switch: an unavailable room is not offered for booking.
    public var isAvailable: Bool
    /// First night that may be booked; nil for at once.
    public var availableFrom: CalendarDate?
    /// False once deleted (kept for bookings' history).
    public var isActive: Bool
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: RoomID, propertyID: PropertyID, roomNumber: String, roomType: RoomType, price: Money,
        securityDeposit: Money, capacity: Int, amenities: AmenitySet, images: [MediaDigest], isAvailable: Bool,
        availableFrom: CalendarDate?, isActive: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.propertyID = propertyID
        self.roomNumber = roomNumber
        self.roomType = roomType
        self.price = price
        self.securityDeposit = securityDeposit
        self.capacity = capacity
        self.amenities = amenities
        self.images = images
        self.isAvailable = isAvailable
        self.availableFrom = availableFrom
        self.isActive = isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether it can be offered for booking at all (dates and beds aside).
    public var isOffered: Bool { isActive && isAvailable }
}
