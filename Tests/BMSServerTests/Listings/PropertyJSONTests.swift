import BMSStore
import Foundation
import Testing

@testable import BMSCore
@testable import BMSServer

@Suite("Property pages: the hand-written JSON is the bytes the API's JSONEncoder gives")
struct PropertyJSONTests {
    @Test func randomPropertyPagesEncodeLikeTheEncoder() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let property = Self.property(&random)
            let rooms = (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.room(of: property.id, &random) }
            try TrickyJSONValues.expectWrittenLikeEncoded(PropertyDetailsResponse(PropertyDetails(property: property, rooms: rooms)))
        }
    }

    @Test func numbersTheEncoderCannotWriteAreRefusedToo() {
        var random = SystemRandomNumberGenerator()
        var property = Self.property(&random)
        property.address.coordinates = GeoPoint(latitude: .infinity, longitude: 0)
        TrickyJSONValues.expectRefusedLikeEncoded(PropertyDetailsResponse(PropertyDetails(property: property, rooms: [])))
    }

    private static func property(_ random: inout some RandomNumberGenerator) -> Property {
        var property = Property(
            id: PropertyID(ObjectID()), ownerID: UserID(ObjectID()), ownerName: TrickyJSONValues.text(&random), name: TrickyJSONValues.text(&random),
            description: TrickyJSONValues.text(&random, maximumLength: 400),
            address: Address(
                street: TrickyJSONValues.text(&random), locality: TrickyJSONValues.text(&random), city: TrickyJSONValues.text(&random),
                state: TrickyJSONValues.text(&random),
                country: TrickyJSONValues.text(&random), zipCode: TrickyJSONValues.text(&random),
                coordinates: GeoPoint(latitude: TrickyJSONValues.number(&random), longitude: TrickyJSONValues.number(&random))),
            propertyType: PropertyType.allCases.randomElement(using: &random)!, amenities: amenities(&random),
            images: (0..<Int.random(in: 0...3, using: &random)).map { _ in TrickyJSONValues.digest(&random) },
            rules: (0..<Int.random(in: 0...3, using: &random)).map { _ in TrickyJSONValues.text(&random) }, isActive: Bool.random(using: &random),
            verification: VerificationStatus.allCases.randomElement(using: &random)!,
            verificationReason: Bool.random(using: &random) ? TrickyJSONValues.text(&random) : nil, rating: TrickyJSONValues.number(&random),
            reviewCount: Int.random(in: 0...1_000_000, using: &random), timeZone: TrickyJSONValues.text(&random),
            cancellationPolicy: CancellationPolicy.allCases.randomElement(using: &random)!, instantBook: Bool.random(using: &random),
            createdAt: date(&random), updatedAt: date(&random))
        property.deletedAt = Bool.random(using: &random) ? date(&random) : nil
        return property
    }

    private static func room(of property: PropertyID, _ random: inout some RandomNumberGenerator) -> Room {
        Room(
            id: RoomID(ObjectID()), propertyID: property, roomNumber: TrickyJSONValues.text(&random),
            roomType: RoomType.allCases.randomElement(using: &random)!, price: Money(minorUnits: TrickyJSONValues.minorUnits(&random)),
            securityDeposit: Money(minorUnits: TrickyJSONValues.minorUnits(&random)), capacity: Int.random(in: 1...20, using: &random),
            amenities: amenities(&random), images: (0..<Int.random(in: 0...3, using: &random)).map { _ in TrickyJSONValues.digest(&random) },
            isAvailable: Bool.random(using: &random),
            availableFrom: Bool.random(using: &random) ? CalendarDate(daysSinceEpoch: .random(in: 0...50_000, using: &random)) : nil,
            isActive: Bool.random(using: &random), createdAt: date(&random), updatedAt: date(&random))
    }

    private static func amenities(_ random: inout some RandomNumberGenerator) -> AmenitySet {
        AmenitySet(Amenity.allCases.filter { _ in Bool.random(using: &random) })
    }

    /// Any moment from 1970 to 2100, fractions of a second included.
    private static func date(_ random: inout some RandomNumberGenerator) -> Date {
        Date(timeIntervalSince1970: .random(in: 0...4_102_444_800, using: &random))
    }
}
