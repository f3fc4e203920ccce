import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Search hits read in place: the same as from the whole decoded property")
struct SearchHitProjectionTests {
    static func property(photos: Int, rules: [String], reason: String?, deleted: Bool) -> Property {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        var property = Property(
            id: PropertyID(ObjectID(time: now)), ownerID: UserID(ObjectID()), ownerName: "Omar Shah", name: "Sunrise PG Koramangala",
            description: "Furnished rooms near the metro, ünïcode too",
            address: Address(
                street: "12 80 Feet Road", locality: "Koramangala", city: "Bengaluru", state: "Karnataka", country: "India",
                zipCode: "560034", coordinates: GeoPoint(latitude: 12.9352, longitude: 77.6245)),
            propertyType: .hostel, amenities: AmenitySet(mask: 0b1011),
            images: (0..<photos).map { MediaDigest(of: [UInt8($0)]) }, rules: rules, isActive: true, verification: .verified,
            verificationReason: reason, rating: 4.3, reviewCount: 17, timeZone: "Asia/Kolkata", cancellationPolicy: .strict,
            instantBook: true, createdAt: now, updatedAt: now.addingTimeInterval(60)
        )
        property.deletedAt = deleted ? now.addingTimeInterval(120) : nil
        return property
    }

    static func room(_ property: Property, _ type: RoomType, price: Int64, offered: Bool = true) -> Room {
        Room(
            id: RoomID(ObjectID()), propertyID: property.id, roomNumber: "\(price)", roomType: type, price: Money(minorUnits: price),
            securityDeposit: .zero, capacity: 2, amenities: AmenitySet(mask: 0), images: [], isAvailable: offered, availableFrom: nil,
            isActive: true, createdAt: property.createdAt, updatedAt: property.createdAt
        )
    }

    /// The hit as search made it before reading in place: from the whole decoded record.
    static func reference(_ record: PropertyRecord, distanceKm: Double?) -> SearchHit {
        let property = record.property
        return SearchHit(
            id: property.id, name: property.name, city: property.address.city, locality: property.address.locality,
            coordinates: property.address.coordinates, propertyType: property.propertyType, coverImage: property.images.first,
            minPrice: record.card.minPrice, roomTypes: Array(Set(record.card.rooms.map(\.type))).sorted { $0.rawValue < $1.rawValue },
            rating: property.rating, reviewCount: property.reviewCount, distanceKm: distanceKm
        )
    }

    @Test(
        "every optional part present or absent: photos, rules, a verification reason, deletion, rooms not offered",
        arguments: [(0, [], nil, false), (1, ["No smoking"], "blurry photos", false), (3, ["a", "b", "c"], nil, true), (2, [], "x", true)]
            as [(Int, [String], String?, Bool)]
    )
    func projectionEqualsTheDecodedRecord(photos: Int, rules: [String], reason: String?, deleted: Bool) throws {
        let property = Self.property(photos: photos, rules: rules, reason: reason, deleted: deleted)
        let rooms = [
            Self.room(property, .dormitory, price: 600_000), Self.room(property, .single, price: 900_000),
            Self.room(property, .dormitory, price: 550_000), Self.room(property, .double, price: 400_000, offered: false),
        ]
        var writer = RecordWriter()
        PropertyRecord(property, rooms: rooms).encode(to: &writer)
        for distance in [nil, 1.25] {
            let (projected, decoded) = try writer.bytes.withUnsafeBytes { bytes in
                var forHit = RecordReader(bytes)
                var forRecord = RecordReader(bytes)
                return (try PropertyRecord.searchHit(from: &forHit, distanceKm: distance), try PropertyRecord(from: &forRecord))
            }
            #expect(projected == Self.reference(decoded, distanceKm: distance))
            #expect(projected.roomTypes == [.single, .dormitory] && projected.minPrice == Money(minorUnits: 550_000))
            #expect(projected.coverImage == property.images.first)
        }
    }
}
