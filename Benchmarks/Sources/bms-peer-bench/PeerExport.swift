import BMSCore
import BMSStore
import Foundation
import ListingDataSet

/// The data set, the query parameter sets and the W1 booking requests written as JSON lines, so that the
/// PostgreSQL and SQLite runs (Benchmarks/peers/py) load exactly the rows bms holds and send exactly the
/// parameters bms answers. Field names follow peer-bench's generate.py.
enum PeerExport {
    struct PropertyLine: Encodable {
        var id, ownerId, propertyName, description, city, locality: String
        var lat, lng: Double
        var propertyType: String
        var amenities: [String]
        var verificationStatus: String
        var rating: Double
    }

    struct RoomLine: Encodable {
        var id, propertyId, roomType: String
        var price, securityDeposit: Int64
        var capacity: Int
    }

    /// One parameter set: its request path for HTTP and its values by name for SQL.
    struct QueryLine: Codable {
        var kind: String
        var path: String
        var params: [String: String]
    }

    /// One W1 booking request: one bed of `roomId` for the nights from `checkIn` to the day before `checkOut`.
    struct BookingLine: Codable {
        var propertyId, roomId, checkIn, checkOut: String
    }

    /// Writes properties.jsonl, rooms.jsonl, queries.jsonl (`queries` sets per kind) and w1.jsonl
    /// (`bookings` requests) into `directory`.
    static func write(_ listings: [Listing], seed: UInt64, queries: Int, bookings: Int, into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try lines(listings.map(propertyLine), to: directory + "/properties.jsonl")
        try lines(listings.flatMap { $0.rooms.map(roomLine) }, to: directory + "/rooms.jsonl")
        try lines(queryLines(listings, seed: seed, count: queries), to: directory + "/queries.jsonl")
        try lines(BookingRequests.draw(listings, seed: seed, count: bookings), to: directory + "/w1.jsonl")
    }

    static func queryLines(_ listings: [Listing], seed: UInt64, count: Int) -> [QueryLine] {
        func searches(_ kind: String, _ sets: [SearchParameters]) -> [QueryLine] {
            sets.map { QueryLine(kind: kind, path: $0.path, params: Dictionary($0.items, uniquingKeysWith: { first, _ in first })) }
        }
        let verified = listings.map { $0.property.verification == .verified }
        let q4 = PeerQueries.q4(count: count, seed: seed, verified: verified).map { position in
            let id = listings[position].property.id.description
            return QueryLine(kind: "Q4", path: "/api/properties/\(id)", params: ["id": id])
        }
        return searches("Q1", PeerQueries.q1(count: count, seed: seed)) + searches("Q2", PeerQueries.q2(count: count, seed: seed))
            + searches("Q3", PeerQueries.q3(count: count, seed: seed)) + q4
    }

    static func read<Line: Decodable>(_ type: Line.Type, from path: String) throws -> [Line] {
        guard let data = FileManager.default.contents(atPath: path) else { throw DataSetError("cannot read \(path)") }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Line.self, from: Data($0)) }
    }

    private static func lines(_ values: [some Encodable], to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for value in values {
            out += try encoder.encode(value)
            out.append(UInt8(ascii: "\n"))
        }
        try out.write(to: URL(fileURLWithPath: path))
    }

    private static func propertyLine(_ listing: Listing) -> PropertyLine {
        let property = listing.property
        return PropertyLine(
            id: property.id.description, ownerId: property.ownerID.description, propertyName: property.name,
            description: property.description, city: property.address.city, locality: property.address.locality,
            lat: property.address.coordinates.latitude, lng: property.address.coordinates.longitude,
            propertyType: property.propertyType.name, amenities: property.amenities.amenities.map(\.rawValue).sorted(),
            verificationStatus: property.verification.name, rating: property.rating)
    }

    private static func roomLine(_ room: Room) -> RoomLine {
        RoomLine(
            id: room.id.description, propertyId: room.propertyID.description, roomType: room.roomType.name.lowercased(),
            price: room.price.minorUnits, securityDeposit: room.securityDeposit.minorUnits, capacity: room.capacity)
    }
}

/// W1's requests (peer-bench common.py `w1_room_pool` and `w1_request`): a fixed pool of up to 20,000
/// rooms, check-in uniform over 90 days from 2027-01-01, 1–14 nights. The pool holds rooms of verified
/// properties only, because bms books only public properties (peer-bench drew among all rooms).
enum BookingRequests {
    static let poolSize = 20_000
    static let firstCheckIn = CalendarDate(year: 2027, month: 1, day: 1)!
    static let windowDays = 90
    static let maximumNights = 14

    static func draw(_ listings: [Listing], seed: UInt64, count: Int) -> [PeerExport.BookingLine] {
        var random = SplitMix64(stream: "W1", seed: seed)
        let bookable = listings.filter { $0.property.verification == .verified }.flatMap(\.rooms)
        let pool = bookable.count <= poolSize ? bookable : random.sample(bookable, poolSize)
        return (0..<count).map { _ in
            let room = random.choice(pool)
            let checkIn = firstCheckIn.daysSinceEpoch + Int32(random.index(windowDays))
            let checkOut = checkIn + Int32(random.int(1, maximumNights))
            return PeerExport.BookingLine(
                propertyId: room.propertyID.description, roomId: room.id.description,
                checkIn: CalendarDate(daysSinceEpoch: checkIn).description, checkOut: CalendarDate(daysSinceEpoch: checkOut).description)
        }
    }
}
