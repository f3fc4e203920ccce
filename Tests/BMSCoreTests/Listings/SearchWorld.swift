import BMSStore
import Foundation
import StoreTestSupport
import Testing

@testable import BMSCore

/// A randomly generated set of listings in a few cities (some pending, rejected, paused; some rooms
/// switched off, starting later or partly held), kept both in the store and in plain arrays, with a
/// brute-force search over the arrays to compare the real search with.
final class SearchWorld {
    static let cities: [(name: String, lat: Double, lng: Double, localities: [String])] = [
        ("Bengaluru", 12.9716, 77.5946, ["Koramangala", "Indiranagar", "Whitefield"]),
        ("Mumbai", 19.0760, 72.8777, ["Andheri", "Bandra", "Powai"]),
        ("Kochi", 9.9312, 76.2673, ["Kakkanad", "Edappally"]),
    ]
    static let words = ["furnished", "furniture", "metro", "quiet", "café", "study", "students", "garden", "budget", "premium"]
    static let baseDay = CalendarDate(year: 2027, month: 1, day: 1)!

    let fixture: ListingsFixture
    /// The fixture's service; tests may change its settings (`totalCountLimit`).
    var listings: ListingService
    private(set) var properties: [PropertyID: Property] = [:]
    private(set) var rooms: [PropertyID: [Room]] = [:]
    /// Beds held per room per night (day number → beds).
    private(set) var held: [RoomID: [Int32: Int]] = [:]
    private var random: SeededGenerator
    private let owner: User

    /// With `searchSnapshot` `.manual`, the snapshot is built once the listings are in.
    init(seed: UInt64, properties count: Int, searchSnapshot: SearchSnapshotMode = .off) async throws {
        fixture = try ListingsFixture(searchSnapshot: searchSnapshot)
        listings = fixture.listings
        random = SeededGenerator(seed: seed)
        owner = try await fixture.user()
        var batch: [(property: Property, rooms: [Room])] = []
        for index in 0..<count {
            batch.append(makeListing(index: index, city: Self.cities.randomElement(using: &random)!.name))
        }
        try await listings.importListings(batch)
        for (property, propertyRooms) in batch {
            properties[property.id] = property
            rooms[property.id] = propertyRooms
        }
        try await placeHolds()
        try fixture.expectClean()
        if searchSnapshot == .manual { try listings.refreshSearchSnapshot() }
    }

    private func makeListing(index: Int, city name: String) -> (property: Property, rooms: [Room]) {
        let city = Self.cities.first { $0.name == name }!
        let now = fixture.clock.now.addingTimeInterval(Double(index))
        let id = PropertyID(ObjectID(time: now))
        let locality = city.localities.randomElement(using: &random)!
        let description = (0..<Int.random(in: 2...6, using: &random)).map { _ in Self.words.randomElement(using: &random)! }
        let verification: VerificationStatus = [.verified, .verified, .verified, .verified, .pending, .rejected].randomElement(using: &random)!
        let point = GeoPoint(
            latitude: city.lat + Double.random(in: -0.15...0.15, using: &random),
            longitude: city.lng + Double.random(in: -0.15...0.15, using: &random)
        )
        let property = Property(
            id: id, ownerID: owner.id, ownerName: "Omar Rao",
            name:
                "\(["Sunrise", "Green", "Zen", "Maple"].randomElement(using: &random)!) \(["PG", "Stay", "Hostel"].randomElement(using: &random)!) \(locality)",
            description: description.joined(separator: " "),
            address: Address(
                street: "\(index) Main Road", locality: locality, city: city.name, state: "", country: "India", zipCode: "", coordinates: point),
            propertyType: PropertyType.allCases.randomElement(using: &random)!,
            amenities: AmenitySet(Amenity.allCases.prefix(8).filter { _ in Bool.random(using: &random) }), images: [], rules: [],
            isActive: Int.random(in: 0..<12, using: &random) != 0, verification: verification, verificationReason: nil,
            rating: Double(Int.random(in: 0...50, using: &random)) / 10, reviewCount: Int.random(in: 0...40, using: &random),
            timeZone: "Asia/Kolkata", cancellationPolicy: .flexible, instantBook: false, createdAt: now, updatedAt: now
        )
        let propertyRooms = (0..<Int.random(in: 1...3, using: &random)).map { number in
            Room(
                id: RoomID(ObjectID(time: now)), propertyID: id, roomNumber: "\(number + 1)",
                roomType: RoomType.allCases.randomElement(using: &random)!,
                price: Money(minorUnits: Int64(Int.random(in: 8...50, using: &random)) * 50_000), securityDeposit: .zero,
                capacity: Int.random(in: 1...3, using: &random), amenities: AmenitySet([]), images: [],
                isAvailable: Int.random(in: 0..<8, using: &random) != 0,
                availableFrom: Bool.random(using: &random) ? nil : Self.baseDay.adding(days: Int.random(in: 0...20, using: &random)),
                isActive: true, createdAt: now, updatedAt: now
            )
        }
        return (property, propertyRooms)
    }

    /// Holds on a quarter of the rooms, some filling them, within the first month of 2027.
    private func placeHolds() async throws {
        for room in rooms.values.flatMap({ $0 }) where Int.random(in: 0..<4, using: &random) == 0 {
            let start = Self.baseDay.adding(days: Int.random(in: 0...25, using: &random))
            let nights = Int.random(in: 1...6, using: &random)
            let beds = Int.random(in: 1...room.capacity, using: &random)
            try await fixture.hold(room.id, from: start.description, nights: nights, beds: beds)
            for night in 0..<nights { held[room.id, default: [:]][start.adding(days: night).daysSinceEpoch, default: 0] += beds }
        }
    }

    /// Adds one more listed property in `city` (for paging while listings are added).
    func addListing(city: String, index: Int) async throws {
        var (property, propertyRooms) = makeListing(index: 10_000 + index, city: city)
        property.verification = .verified
        property.isActive = true
        propertyRooms = propertyRooms.map {
            var room = $0
            room.isAvailable = true
            return room
        }
        try await listings.importListings([(property, propertyRooms)])
        properties[property.id] = property
        rooms[property.id] = propertyRooms
    }

    func randomParameters(_ random: inout SeededGenerator) -> [(String, String)] {
        var out: [(String, String)] = []
        func maybe(_ odds: Int, _ make: () -> (String, String)) { if Int.random(in: 0..<odds, using: &random) == 0 { out.append(make()) } }
        maybe(2) { ("city", [Self.cities.randomElement(using: &random)!.name, "KOCHI", "mumbai"].randomElement(using: &random)!) }
        maybe(3) {
            (
                "amenities",
                Amenity.allCases.prefix(8).shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)).map(\.rawValue).joined(
                    separator: ",")
            )
        }
        let low = Int.random(in: 8...40, using: &random) * 50_000
        maybe(3) { ("priceMin", "\(low)") }
        maybe(3) { ("priceMax", "\(low + Int.random(in: 0...20, using: &random) * 50_000)") }
        if Int.random(in: 0..<3, using: &random) == 0 {
            let city = Self.cities.randomElement(using: &random)!
            out.append(("lat", "\(city.lat + Double.random(in: -0.1...0.1, using: &random))"))
            out.append(("lng", "\(city.lng + Double.random(in: -0.1...0.1, using: &random))"))
            maybe(2) { ("radius", "\([1, 3, 5, 10, 25].randomElement(using: &random)!)") }
        }
        maybe(4) { ("propertyType", PropertyType.allCases.randomElement(using: &random)!.name) }
        maybe(4) { ("roomType", RoomType.allCases.randomElement(using: &random)!.name.lowercased()) }
        if Int.random(in: 0..<4, using: &random) == 0 {
            let from = Self.baseDay.adding(days: Int.random(in: -3...28, using: &random))
            out.append(("from", from.description))
            out.append(("to", from.adding(days: Int.random(in: 1...7, using: &random)).description))
        }
        maybe(4) { ("minRating", "\(Double(Int.random(in: 0...45, using: &random)) / 10)") }
        maybe(3) {
            var words = (0..<Int.random(in: 1...2, using: &random)).map { _ in
                (Self.words + ["koramangala", "bandra", "kochi", "sunrise"]).randomElement(using: &random)!
            }
            if Bool.random(using: &random) { words[words.count - 1] = String(words[words.count - 1].prefix(Int.random(in: 1...4, using: &random))) }
            return ("q", words.joined(separator: " ").uppercased())
        }
        let hasPoint = out.contains { $0.0 == "lat" }
        maybe(2) { ("sort", SearchSort.allCases.filter { hasPoint || $0 != .distance }.randomElement(using: &random)!.rawValue) }
        return out.shuffled(using: &random)
    }

    /// Every page of `query`, following cursors: the ids in order, and the first page's total with whether
    /// it was exact. An exact total is the same on every page; a lower bound never exceeds the next page's.
    func allPages(_ query: SearchQuery, limit: Int) throws -> (ids: [PropertyID], total: Int, exact: Bool) {
        var query = query
        query.limit = limit
        var ids: [PropertyID] = []
        var first: (total: Int, exact: Bool)?
        var previous = 0
        while true {
            let page = try listings.search(query)
            ids += page.hits.map(\.id)
            if let first, first.exact { #expect(page.total == first.total && page.totalIsExact) }
            if first == nil { first = (page.total, page.totalIsExact) }
            if !page.totalIsExact { #expect(page.total >= max(previous, listings.totalCountLimit)) }
            previous = page.total
            guard let next = page.nextCursor else { break }
            #expect(page.hits.count == limit)
            query.cursor = next
        }
        return (ids, first?.total ?? 0, first?.exact ?? true)
    }

    /// The ids `query` should find, in order, computed by scanning every property and room.
    func bruteForce(_ query: SearchQuery) -> [PropertyID] {
        var found: [(key: [Double], id: PropertyID)] = []
        for (id, property) in properties where property.isPublic {
            let offered = rooms[id, default: []].filter(\.isOffered)
            guard !offered.isEmpty else { continue }
            if let city = query.city, property.address.city.lowercased() != city { continue }
            if let type = query.propertyType, property.propertyType != type { continue }
            if let minimum = query.minRating, property.rating < minimum { continue }
            if !property.amenities.contains(all: query.amenities) { continue }
            var distance: Double?
            if let center = query.center {
                distance = center.distanceKm(to: property.address.coordinates)
                if distance! > query.radiusKm { continue }
            }
            let matching = offered.filter { room in
                (query.roomType.map { room.roomType == $0 } ?? true) && (query.priceMin.map { room.price >= $0 } ?? true)
                    && (query.priceMax.map { room.price <= $0 } ?? true) && isFree(room, query.stay)
            }
            guard !matching.isEmpty, let score = textScore(property, query.terms) else { continue }
            let minPrice = Double(offered.map(\.price.minorUnits).min()!)
            let key: [Double] =
                switch query.effectiveSort {
                case .relevance: [-Double(score), -property.rating]
                case .price: [minPrice]
                case .priceDescending: [-minPrice]
                case .rating: [-property.rating]
                case .distance: [distance!]
                case .newest: [-(property.createdAt.timeIntervalSince1970 * 1_000_000).rounded()]
                }
            found.append((key, id))
        }
        return found.sorted { $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : $0.id < $1.id }.map(\.id)
    }

    private func isFree(_ room: Room, _ stay: SearchQuery.Stay?) -> Bool {
        guard let stay else { return true }
        if let first = room.availableFrom, first > stay.from { return false }
        return (stay.from.daysSinceEpoch..<stay.to.daysSinceEpoch).allSatisfy { held[room.id]?[$0, default: 0] ?? 0 < room.capacity }
    }

    /// The text score by the documented weights, from the property's fields split the simplest way.
    private func textScore(_ property: Property, _ terms: [String]) -> Int? {
        let fields = [(property.name, 3), (property.address.locality, 2), (property.address.city, 2), (property.description, 1)]
        var score = 0
        for (index, term) in terms.enumerated() {
            let isLast = index == terms.count - 1
            var best = 0
            for (text, weight) in fields {
                let words = TextFolding.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                if words.contains(where: { isLast ? $0.hasPrefix(term) : $0 == term }) { best = max(best, weight) }
            }
            guard best > 0 else { return nil }
            score += best
        }
        return score
    }
}
