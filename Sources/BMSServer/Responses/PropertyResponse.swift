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

extension PropertyDetailsResponse: JSONWritable {
    /// The property takes about 1 kB with a long description, a room 400–500 bytes.
    var jsonSizeEstimate: Int { 1_536 + 512 * rooms.count }

    /// Members in sorted order, as the API's encoder writes them.
    func writeJSON(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("property")
        try property.writeJSON(to: &writer)
        writer.key("rooms")
        writer.beginArray()
        for room in rooms { room.writeJSON(to: &writer) }
        writer.endArray()
        writer.endObject()
    }
}

extension PropertyResponse {
    func writeJSON(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("address")
        try address.writeJSON(to: &writer)
        writer.key("amenities")
        writer.strings(amenities)
        writer.key("cancellationPolicy")
        writer.string(cancellationPolicy)
        writer.key("createdAt")
        writer.string(createdAt)
        writer.key("deletedAt")
        writer.optionalString(deletedAt)
        writer.key("description")
        writer.string(description)
        writer.key("id")
        writer.string(id)
        writer.key("images")
        writer.strings(images)
        writer.key("instantBook")
        writer.bool(instantBook)
        writer.key("isActive")
        writer.bool(isActive)
        writer.key("ownerId")
        writer.string(ownerId)
        writer.key("ownerName")
        writer.string(ownerName)
        writer.key("propertyName")
        writer.string(propertyName)
        writer.key("propertyType")
        writer.string(propertyType)
        writer.key("rating")
        try writer.number(rating)
        writer.key("reviewCount")
        writer.integer(Int64(reviewCount))
        writer.key("rules")
        writer.strings(rules)
        writer.key("timeZone")
        writer.string(timeZone)
        writer.key("updatedAt")
        writer.string(updatedAt)
        writer.key("verificationReason")
        writer.optionalString(verificationReason)
        writer.key("verificationStatus")
        writer.string(verificationStatus)
        writer.endObject()
    }
}

extension PropertyResponse.Address {
    func writeJSON(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("city")
        writer.string(city)
        writer.key("coordinates")
        writer.beginObject()
        writer.key("lat")
        try writer.number(coordinates.lat)
        writer.key("lng")
        try writer.number(coordinates.lng)
        writer.endObject()
        writer.key("country")
        writer.string(country)
        writer.key("locality")
        writer.string(locality)
        writer.key("state")
        writer.string(state)
        writer.key("street")
        writer.string(street)
        writer.key("zipCode")
        writer.string(zipCode)
        writer.endObject()
    }
}
