import BMSCore

/// A property as the API shows it. Amounts elsewhere are minor units; names of closed vocabularies are
/// their display names (`PG`, `Single`), as the forms accept them.
struct PropertyResponse: Encodable, Sendable {
    struct Address: Encodable, Sendable {
        let street: String
        let locality: String
        let city: String
        let state: String
        let country: String
        let zipCode: String
        let coordinates: Coordinates
    }

    struct Coordinates: Encodable, Sendable {
        let lat: Double
        let lng: Double
    }

    let id: String
    let ownerId: String
    let ownerName: String
    let propertyName: String
    let description: String
    let address: Address
    let propertyType: String
    let amenities: [String]
    /// `/media/<sha256>` in display order; the first is the cover.
    let images: [String]
    let rules: [String]
    let isActive: Bool
    let verificationStatus: String
    /// Why an admin rejected it; null otherwise.
    @Nullable var verificationReason: String?
    let rating: Double
    let reviewCount: Int
    let timeZone: String
    let cancellationPolicy: String
    let instantBook: Bool
    let createdAt: String
    let updatedAt: String
    /// When it was deleted (it is then kept only for history); null otherwise.
    @Nullable var deletedAt: String?

    init(_ property: Property) {
        let address = property.address
        id = property.id.description
        ownerId = property.ownerID.description
        ownerName = property.ownerName
        propertyName = property.name
        description = property.description
        self.address = Address(
            street: address.street, locality: address.locality, city: address.city, state: address.state,
            country: address.country, zipCode: address.zipCode,
            coordinates: Coordinates(lat: address.coordinates.latitude, lng: address.coordinates.longitude))
        propertyType = property.propertyType.name
        amenities = property.amenities.amenities.map(\.rawValue)
        images = property.images.map(MediaController.path)
        rules = property.rules
        isActive = property.isActive
        verificationStatus = property.verification.name
        verificationReason = property.verificationReason
        rating = property.rating
        reviewCount = property.reviewCount
        timeZone = property.timeZone
        cancellationPolicy = property.cancellationPolicy.name
        instantBook = property.instantBook
        createdAt = UserResponse.timestamp(property.createdAt)
        updatedAt = UserResponse.timestamp(property.updatedAt)
        deletedAt = property.deletedAt.map(UserResponse.timestamp)
    }
}

/// `{ "property": … }`, for answers about one property.
struct PropertyEnvelope: Encodable, Sendable {
    let property: PropertyResponse

    init(_ property: Property) { self.property = PropertyResponse(property) }
}

/// A property page: the property and the rooms the viewer may see.
struct PropertyDetailsResponse: Encodable, Sendable {
    let property: PropertyResponse
    let rooms: [RoomResponse]

    init(_ details: PropertyDetails) {
        property = PropertyResponse(details.property)
        rooms = details.rooms.map(RoomResponse.init)
    }
}

/// A page of properties, newest or oldest first as the route says.
struct PropertyList: Encodable, Sendable {
    let properties: [PropertyResponse]
    /// Pass back (as `before` or `after`, as the route says) for the next page; null on the last page.
    @Nullable var nextCursor: String?

    init(_ properties: [Property], limit: Int) {
        self.properties = properties.map(PropertyResponse.init)
        nextCursor = PageCursor.next(properties, limit: limit) { $0.id.description }
    }
}
