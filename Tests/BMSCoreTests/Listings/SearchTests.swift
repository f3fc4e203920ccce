import BMSStore
import Foundation
import StoreTestSupport
import Testing

@testable import BMSCore

@Suite("Search: every filter and sort equals a brute-force filter over the same data")
struct SearchTests {
    @Test(arguments: [SearchSnapshotMode.off, .manual])
    func randomQueriesMatchABruteForceScan(snapshot: SearchSnapshotMode) async throws {
        let world = try await SearchWorld(seed: 7, properties: 400, searchSnapshot: snapshot)
        // Low, so that searches reading in order stop early too, and are checked like the others.
        world.listings.totalCountLimit = 25
        var random = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let parameters = world.randomParameters(&random)
            let query = try SearchQuery.parse(parameters)
            let expected = world.bruteForce(query)
            let (ids, total, exact) = try world.allPages(query, limit: Int.random(in: 3...50, using: &random))
            #expect(exact ? total == expected.count : (total >= world.listings.totalCountLimit && total <= expected.count), "\(parameters)")
            #expect(ids == expected, "\(parameters)")
            let page = try world.listings.search(query)
            #expect(page.readSnapshot == (snapshot == .manual), "\(parameters) read by \(page.servedBy)")
        }
    }

    @Test(arguments: [SearchSnapshotMode.off, .manual])
    func aSearchReadingInOrderStopsCountingButPagesLikeAFullScan(snapshot: SearchSnapshotMode) async throws {
        let world = try await SearchWorld(seed: 17, properties: 400, searchSnapshot: snapshot)
        world.listings.totalCountLimit = 30
        let searches = [
            [("sort", "price")], [("sort", "price"), ("priceMax", "2000000")], [("city", "Bengaluru"), ("sort", "price")],
            [("lat", "12.97"), ("lng", "77.59"), ("radius", "200"), ("sort", "distance")],
        ]
        for parameters in searches {
            let query = try SearchQuery.parse(parameters)
            let expected = world.bruteForce(query)
            #expect(expected.count > 60, "\(parameters): too few listings to stop early")
            let first = try world.listings.search(query)
            #expect(!first.totalIsExact && first.total == 30, "\(parameters)")
            let (ids, _, _) = try world.allPages(query, limit: 17)
            #expect(ids == expected, "\(parameters)")
        }
    }

    @Test(arguments: [SearchSnapshotMode.off, .manual])
    func geoRadiusAndDistanceSortAreExact(snapshot: SearchSnapshotMode) async throws {
        let world = try await SearchWorld(seed: 3, properties: 300, searchSnapshot: snapshot)
        for (lat, lng) in [(12.97, 77.59), (19.07, 72.88), (12.90, 77.50)] {
            for radius in [0.5, 2.0, 5.0, 15.0] {
                let query = try SearchQuery.parse([("lat", "\(lat)"), ("lng", "\(lng)"), ("radius", "\(radius)"), ("sort", "distance")])
                let page = try world.listings.search(query)
                #expect(page.servedBy == "geo")
                let expected = world.bruteForce(query)
                #expect(
                    page.totalIsExact ? page.total == expected.count : (page.total >= world.listings.totalCountLimit && page.total <= expected.count))
                #expect(page.hits.map(\.id) == Array(expected.prefix(20)))
                let center = GeoPoint(latitude: lat, longitude: lng)
                for hit in page.hits {
                    let location = try #require(world.properties[hit.id]).address.coordinates
                    #expect(hit.distanceKm == center.distanceKm(to: location))
                    #expect(try #require(hit.distanceKm) <= radius)
                }
            }
        }
    }

    @Test(arguments: [SearchSnapshotMode.off, .manual])
    func theMostSelectiveIndexServesTheQuery(snapshot: SearchSnapshotMode) async throws {
        let world = try await SearchWorld(seed: 5, properties: 240, searchSnapshot: snapshot)
        func source(_ parameters: [(String, String)]) throws -> String {
            try world.listings.search(try SearchQuery.parse(parameters)).servedBy
        }
        #expect(try source([("city", "kochi")]) == "city")
        #expect(try source([("city", "Bengaluru"), ("amenities", "gym")]) == "city+amenity")
        #expect(try source([("q", "zzzz")]) == "text")
        #expect(try source([("lat", "9.93"), ("lng", "76.27"), ("radius", "1"), ("city", "Bengaluru")]) == "geo")
        #expect(try source([("amenities", "gym")]) == "amenity")
        #expect(try source([("propertyType", "Flat")]) == "type")
        #expect(try source([]) == "price")
        // By price, the city (or the city's listings with an amenity asked for) is read in its order unless
        // another source is smaller; all listings by price never are, beside a city.
        #expect(try source([("city", "Bengaluru"), ("priceMax", "2000000"), ("sort", "price")]) == "city")
        #expect(try source([("city", "Bengaluru"), ("amenities", "wifi"), ("sort", "price")]) == "city+amenity")
    }

    @Test("with a city and amenities, the city's listings with the amenity rarest among its first listings are read")
    func rarestAmenityOfTheCityIsRead() async throws {
        let world = try await SearchWorld(seed: 5, properties: 240)
        let asked: [[Amenity]] = [[.wifi, .gym], [.ac, .laundry], [.parking, .meals, .cctv], [.housekeeping, .wifi]]
        for city in SearchWorld.cities.map(\.name) {
            let listed = world.properties.values.filter { property in
                property.isPublic && property.address.city == city && world.rooms[property.id, default: []].contains(where: \.isOffered)
            }
            // Fewer listings than the sample: the sample is the whole city.
            #expect(listed.count < CandidateSource.amenitySample)
            let key = try #require(try SearchQuery.parse([("city", city)]).city)
            for amenities in asked {
                let counts = amenities.map { amenity in listed.filter { $0.amenities.contains(all: AmenitySet([amenity])) }.count }
                let expected = amenities[counts.indices.min { counts[$0] < counts[$1] }!]
                let chosen = try world.fixture.store.read { txn in
                    let candidates = CandidateReader(txn: txn, properties: world.listings.properties, snapshot: nil, planningCounts: PlanningCounts())
                    return try CandidateSource.rarestAmenity(in: key, of: amenities, candidates, priceMax: nil)
                }
                #expect(chosen == expected, "\(city) \(amenities): counts \(counts)")
            }
        }
    }

    @Test func pagingNeverRepeatsOrSkipsWhileListingsAreAdded() async throws {
        let world = try await SearchWorld(seed: 9, properties: 200)
        for sort in ["price", "-price", "newest", "rating", "relevance"] {
            let query = try SearchQuery.parse([("city", "Bengaluru"), ("sort", sort), ("limit", "7")])
            let before = Set(world.bruteForce(query))
            var seen: [PropertyID] = []
            var cursor: SearchCursor?
            var added = 0
            repeat {
                var paged = query
                paged.cursor = cursor
                let page = try world.listings.search(paged)
                seen += page.hits.map(\.id)
                cursor = page.nextCursor
                try await world.addListing(city: "Bengaluru", index: added)
                added += 1
            } while cursor != nil
            #expect(Set(seen).count == seen.count, "\(sort): a hit came twice")
            #expect(before.isSubset(of: Set(seen)), "\(sort): a hit was skipped")
        }
    }

    @Test func hiddenPropertiesNeverAppear() async throws {
        let world = try await SearchWorld(seed: 13, properties: 200)
        let page = try world.allPages(try SearchQuery.parse([]), limit: 50)
        let shown = Set(page.ids)
        #expect(page.total == shown.count)
        for (id, property) in world.properties {
            let offered = world.rooms[id, default: []].contains(where: \.isOffered)
            #expect(shown.contains(id) == (property.isPublic && offered))
        }
        #expect(world.properties.values.contains { $0.verification == .pending })
        #expect(world.properties.values.contains { $0.verification == .rejected })
        #expect(world.properties.values.contains { !$0.isActive })
    }

    @Test func hitsCarryTheCardFields() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin, price: 650_000)
        _ = try await fixture.listings.createRoom(
            ListingsFixture.roomForm(property.id, number: "102", type: "Single", price: 900_000, capacity: 1), by: owner)
        let photos = try await fixture.listings.addImages([TestImages.png(4)], to: .property(property.id), by: owner)
        let hit = try #require(try fixture.listings.search(SearchQuery.parse([("q", "sunrise koram")])).hits.first)
        #expect(hit.id == property.id && hit.name == "Sunrise PG Koramangala" && hit.city == "Bengaluru" && hit.locality == "Koramangala")
        #expect(hit.minPrice == Money(minorUnits: 650_000) && hit.roomTypes == [.single, .double] && hit.coverImage == photos.first)
        #expect(hit.distanceKm == nil && hit.propertyType == .pg)
    }

    @Test func badParametersAreNamed() throws {
        func problems(_ parameters: [(String, String)]) -> Set<String> {
            do {
                _ = try SearchQuery.parse(parameters)
                return []
            } catch ListingError.validation(let problems) {
                return Set(problems.keys)
            } catch {
                return ["unexpected \(error)"]
            }
        }
        #expect(problems([("town", "Pune")]) == ["town"])
        #expect(problems([("city", "Pune"), ("city", "Goa")]) == ["city"])
        #expect(problems([("priceMin", "cheap"), ("priceMax", "-5"), ("limit", "51")]) == ["priceMin", "priceMax", "limit"])
        #expect(problems([("priceMin", "900"), ("priceMax", "100")]) == ["priceMax"])
        #expect(problems([("lat", "12.9")]) == ["lng"])
        #expect(problems([("lat", "95"), ("lng", "77")]) == ["lat"])
        #expect(problems([("radius", "5")]) == ["radius"])
        #expect(problems([("sort", "distance")]) == ["sort"])
        #expect(problems([("sort", "cheapest")]) == ["sort"])
        #expect(problems([("amenities", "wifi,pool")]) == ["amenities"])
        // A list's names are trimmed and lower-cased, and empty places between commas skipped.
        #expect(try SearchQuery.parse([("amenities", ",WiFi, cctv,,gym")]).amenities == AmenitySet([.wifi, .cctv, .gym]))
        #expect(problems([("from", "2027-01-05")]) == ["to"])
        #expect(problems([("from", "2027-01-05"), ("to", "2027-01-05")]) == ["to"])
        #expect(problems([("from", "5 Jan"), ("to", "2027-01-09")]) == ["from"])
        #expect(problems([("roomType", "Suite"), ("propertyType", "Villa"), ("minRating", "6")]) == ["roomType", "propertyType", "minRating"])
        #expect(problems([("cursor", "not-a-cursor")]) == ["cursor"])
        let priceCursor = SearchCursor(sortName: "price", key: SortKey(primary: 1, secondary: 0, id: ObjectID())).text
        #expect(problems([("cursor", priceCursor), ("sort", "rating")]) == ["cursor"])
        #expect(problems([("cursor", priceCursor), ("sort", "price")]).isEmpty)
    }
}
