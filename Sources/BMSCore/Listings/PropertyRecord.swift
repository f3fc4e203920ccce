import BMSStore
import Foundation

/// How a property is stored: a compact binary record (properties are hot: every search hit and booking
/// reads one) holding the property and the search card derived from it and its offered rooms, with the
/// indexes search and the owner and admin listings use.
///
/// Search indexes hold listed properties only (public, with at least one offered room), so a hidden
/// property costs search nothing. The city, city-amenity, type, price, amenity, text and geo indexes carry
/// the card as their cover. The text and card indexes' cards also carry the text tokens with their weights,
/// which text search scores; the "card" index finds those by id for a text search whose candidates come
/// from another index.
struct PropertyRecord: Record {
    static let collectionName = "properties"
    static let indexes: [RecordIndex<PropertyRecord>] = [
        .secondary("owner") { [.id($0.property.ownerID.objectID), .date($0.property.createdAt)] },
        .secondary("verification") { record in
            // Deleted ones are out, so that the admins' queue is counted from the index alone.
            record.property.deletedAt == nil ? [.int(Int64(record.property.verification.rawValue)), .date(record.property.createdAt)] : nil
        },
        .secondary("card", cover: \.cardWithTokens) { $0.listed ? [.id($0.id)] : nil },
        .secondary("city", cover: \.cardBytes) { $0.listed ? [.string($0.card.cityKey), .int($0.card.minPrice.minorUnits)] : nil },
        .secondary("type", cover: \.cardBytes) {
            $0.listed ? [.int(Int64($0.property.propertyType.rawValue)), .int($0.card.minPrice.minorUnits)] : nil
        },
        .secondary("price", cover: \.cardBytes) { $0.listed ? [.int($0.card.minPrice.minorUnits)] : nil },
        .multi("amenity", cover: \.cardBytes) { record in
            guard record.listed else { return [] }
            return record.property.amenities.amenities.map { [.string($0.rawValue), .int(record.card.minPrice.minorUnits)] }
        },
        .multi("city-amenity", cover: \.cardBytes) { record in
            guard record.listed else { return [] }
            return record.property.amenities.amenities.map {
                [.string(record.card.cityKey), .string($0.rawValue), .int(record.card.minPrice.minorUnits)]
            }
        },
        .multi("text", cover: \.cardWithTokens) { record in record.listed ? record.tokens.keys.map { [.string($0)] } : [] },
        .geo("location", cover: \.cardBytes) { $0.listed ? $0.property.address.coordinates : nil },
    ]

    private static let formatVersion: UInt8 = 1

    var property: Property
    var card: ListingCard

    var id: ObjectID { property.id.objectID }

    init(_ property: Property, rooms: [Room]) {
        self.property = property
        card = ListingCard(property, rooms: rooms)
    }

    /// Shown in public search: public, and something to book.
    var listed: Bool { property.isPublic && !card.rooms.isEmpty }

    var cardBytes: [UInt8] { card.bytes }

    var cardWithTokens: [UInt8] { card.withTokens(tokens) }

    var tokens: [String: Int] { TextTokens.of(property) }

    func encode(to writer: inout RecordWriter) {
        let property = property
        writer.write(Self.formatVersion)
        writer.write(property.id.objectID)
        writer.write(property.ownerID.objectID)
        writer.write(property.ownerName)
        writer.write(property.name)
        writer.write(property.description)
        let address = property.address
        for part in [address.street, address.locality, address.city, address.state, address.country, address.zipCode] {
            writer.write(part)
        }
        writer.write(address.coordinates.latitude)
        writer.write(address.coordinates.longitude)
        writer.write(property.propertyType.rawValue)
        writer.write(property.amenities.mask)
        writer.write(property.images.map(\.bytes))
        writer.write(property.rules)
        writer.write(property.isActive)
        writer.write(property.verification.rawValue)
        writer.writeOptional(property.verificationReason) { $0.write($1) }
        writer.write(property.rating)
        writer.write(property.reviewCount)
        writer.write(property.timeZone)
        writer.write(property.cancellationPolicy.rawValue)
        writer.write(property.instantBook)
        writer.write(property.createdAt)
        writer.write(property.updatedAt)
        writer.writeOptional(property.deletedAt) { $0.write($1) }
        writer.write(card.bytes)
    }

    init(from reader: inout RecordReader) throws {
        try reader.expectFormat(Self.formatVersion, of: Self.collectionName)
        let id = PropertyID(try reader.readObjectID())
        let ownerID = UserID(try reader.readObjectID())
        let ownerName = try reader.readString()
        let name = try reader.readString()
        let description = try reader.readString()
        let (street, locality, city) = (try reader.readString(), try reader.readString(), try reader.readString())
        let (state, country, zipCode) = (try reader.readString(), try reader.readString(), try reader.readString())
        let point = GeoPoint(latitude: try reader.readDouble(), longitude: try reader.readDouble())
        let address = Address(
            street: street, locality: locality, city: city, state: state, country: country, zipCode: zipCode, coordinates: point
        )
        let propertyType = try PropertyType(storedCode: try reader.readUInt8(), in: Self.collectionName)
        let amenities = AmenitySet(mask: try reader.readUInt64())
        let images = try MediaDigest.decodeList(try reader.readByteArrays(), in: Self.collectionName)
        let rules = try reader.readStrings()
        let isActive = try reader.readBool()
        let verification = try VerificationStatus(storedCode: try reader.readUInt8(), in: Self.collectionName)
        let reason = try reader.readOptional { try $0.readString() }
        let rating = try reader.readDouble()
        let reviewCount = try reader.readInt()
        let timeZone = try reader.readString()
        let policy = try CancellationPolicy(storedCode: try reader.readUInt8(), in: Self.collectionName)
        let instantBook = try reader.readBool()
        property = Property(
            id: id, ownerID: ownerID, ownerName: ownerName, name: name, description: description, address: address,
            propertyType: propertyType, amenities: amenities, images: images, rules: rules, isActive: isActive,
            verification: verification, verificationReason: reason, rating: rating, reviewCount: reviewCount,
            timeZone: timeZone, cancellationPolicy: policy, instantBook: instantBook, createdAt: try reader.readDate(),
            updatedAt: try reader.readDate()
        )
        property.deletedAt = try reader.readOptional { try $0.readDate() }
        let cardBytes = try reader.readBytes()
        card = try cardBytes.withUnsafeBytes { try ListingCard(bytes: $0) }
    }

    /// A search hit read from a stored record in place: the few fields a hit shows, stepping over the
    /// rest in the order `encode(to:)` writes them, without building the property (its strings, photos,
    /// rules) or the card's rooms. Every page of results reads one per hit; a test checks it against the
    /// hit made from the whole decoded record.
    static func searchHit(from reader: inout RecordReader, distanceKm: Double?) throws -> SearchHit {
        try reader.expectFormat(Self.formatVersion, of: Self.collectionName)
        let id = PropertyID(try reader.readObjectID())
        try reader.skip(ObjectID.byteCount)  // owner
        try reader.skipLengthPrefixed()  // owner's name
        let name = try reader.readString()
        try reader.skipLengthPrefixed()  // description
        try reader.skipLengthPrefixed()  // street
        let (locality, city) = (try reader.readString(), try reader.readString())
        for _ in 0..<3 { try reader.skipLengthPrefixed() }  // state, country, PIN code
        let coordinates = GeoPoint(latitude: try reader.readDouble(), longitude: try reader.readDouble())
        let propertyType = try PropertyType(storedCode: try reader.readUInt8(), in: Self.collectionName)
        try reader.skip(8)  // amenities
        let photos = try reader.readLength()
        let cover = try photos == 0 ? nil : MediaDigest.decodeList([try reader.readBytes()], in: Self.collectionName).first
        for _ in 0..<max(photos - 1, 0) { try reader.skipLengthPrefixed() }
        for _ in 0..<(try reader.readLength()) { try reader.skipLengthPrefixed() }  // rules
        try reader.skip(2)  // active, verification
        if try reader.readBool() { try reader.skipLengthPrefixed() }  // verification reason
        let (rating, reviewCount) = (try reader.readDouble(), try reader.readInt())
        try reader.skipLengthPrefixed()  // time zone
        try reader.skip(2 + 8 + 8)  // cancellation policy, instant book, created, updated
        if try reader.readBool() { try reader.skip(8) }  // deleted
        let card = try CardView(try reader.readBytesInPlace())
        // The types offered, as bits by code, listed in code order: one array, not a list grown and sorted.
        var offered: UInt64 = 0
        for index in 0..<card.roomCount {
            let type = try RoomType(storedCode: card.room(index).typeCode, in: Self.collectionName)
            offered |= 1 << type.rawValue
        }
        return SearchHit(
            id: id, name: name, city: city, locality: locality, coordinates: coordinates, propertyType: propertyType,
            coverImage: cover, minPrice: Money(minorUnits: card.minPrice),
            roomTypes: RoomType.allCases.filter { offered & 1 << $0.rawValue != 0 },
            rating: rating, reviewCount: reviewCount, distanceKm: distanceKm
        )
    }
}

extension RecordCollection<PropertyRecord> {
    /// The search hit of a property a search index names: its record must be there, or the index is corrupt.
    func searchHit(_ txn: some Transaction, _ id: ObjectID, distanceKm: Double?) throws -> SearchHit {
        guard let hit = try read(txn, id, { try PropertyRecord.searchHit(from: &$0, distanceKm: distanceKm) }) else {
            throw StoreError.corrupt(table: PropertyRecord.collectionName, reason: "a search index names missing property \(id)")
        }
        return hit
    }
}
