import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Public search over HTTP")
struct SearchTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    /// Four listed properties and four that must never be found (pending, rejected, deleted, paused),
    /// by name.
    static func catalogue(_ dependencies: AppDependencies, _ client: some TestClientProtocol) async throws -> [String: String] {
        let admin = try await Accounts.admin(dependencies, client)
        let owner = try await Accounts.register(client, role: "owner")
        func listed(_ name: String, city: String, type: String = "PG", amenities: [String], price: Int) async throws -> String {
            var address = try #require(Listings.propertyForm()["address"] as? [String: Any])
            address["city"] = city
            let changes: [String: Any] = ["propertyName": name, "address": address, "propertyType": type, "amenities": amenities]
            return try await Listings.listed(client, owner: owner, admin: admin, changes, room: ["price": price]).property
        }
        var ids: [String: String] = [:]
        ids["Asha Nilaya"] = try await listed("Asha Nilaya", city: "Bengaluru", amenities: ["wifi", "meals"], price: 800_000)
        ids["Blue Hostel"] = try await listed("Blue Hostel", city: "Bengaluru", type: "Hostel", amenities: ["wifi", "gym"], price: 500_000)
        ids["Camp Pune"] = try await listed("Camp Pune", city: "Pune", amenities: ["wifi"], price: 600_000)
        ids["Dock View"] = try await listed("Dock View", city: "Navi Mumbai", amenities: ["ac"], price: 900_000)

        let pending = try await Listings.createProperty(client, owner, ["propertyName": "Pending Place"])
        _ = try await Listings.createRoom(client, owner, property: pending)
        let rejected = try await Listings.createProperty(client, owner, ["propertyName": "Rejected Rooms"])
        _ = try await Listings.createRoom(client, owner, property: rejected)
        try await Listings.decide(client, admin, property: rejected, status: "rejected", reason: "Not a PG.")
        let deleted = try await listed("Deleted Den", city: "Bengaluru", amenities: ["wifi"], price: 400_000)
        try await client.execute(uri: "/api/properties/\(deleted)", method: .delete, headers: owner.bearer) { #expect($0.status == .ok) }
        let paused = try await listed("Paused Pad", city: "Bengaluru", amenities: ["wifi"], price: 400_000)
        try await client.execute(uri: "/api/properties/\(paused)", method: .put, headers: owner.bearer, body: Accounts.json(["isActive": false])) {
            #expect($0.status == .ok)
        }
        return ids
    }

    @Test("city, amenities, type and price filters find exactly the listed properties that match")
    func filters() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let ids = try await Self.catalogue(dependencies, client)
                let expectations: [(String, Set<String>)] = [
                    ("", ["Asha Nilaya", "Blue Hostel", "Camp Pune", "Dock View"]),
                    ("city=Bengaluru", ["Asha Nilaya", "Blue Hostel"]),
                    ("city=BENGALURU&propertyType=hostel", ["Blue Hostel"]),
                    ("city=Navi+Mumbai", ["Dock View"]),
                    ("city=Navi%20Mumbai", ["Dock View"]),
                    ("amenities=wifi", ["Asha Nilaya", "Blue Hostel", "Camp Pune"]),
                    ("amenities=wifi,meals", ["Asha Nilaya"]),
                    ("priceMax=600000", ["Blue Hostel", "Camp Pune"]),
                    ("priceMin=700000", ["Asha Nilaya", "Dock View"]),
                    ("city=Bengaluru&priceMin=550000&priceMax=850000", ["Asha Nilaya"]),
                    // An empty filter counts as absent, as a form submits it.
                    ("city=&amenities=&priceMax=600000", ["Blue Hostel", "Camp Pune"]),
                    ("city=Chennai", []),
                ]
                for (query, names) in expectations {
                    for path in ["/api/properties", "/api/properties/search"] {
                        try await client.execute(uri: "\(path)?\(query)", method: .get) { response in
                            #expect(response.status == .ok, "\(query): \(response.text)")
                            let data = try response.data()
                            #expect(Set(Listings.hitIDs(data)) == Set(names.compactMap { ids[$0] }), "\(path)?\(query)")
                            #expect(data["total"] as? Int == names.count, "\(query)")
                        }
                    }
                }
            }
        }
    }

    @Test("cursor paging returns every hit exactly once, in every sort")
    func paging() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let ids = try await Self.catalogue(dependencies, client)
                for sort in ["relevance", "price", "-price", "rating", "newest"] {
                    var seen: [String] = []
                    var cursor: String?
                    repeat {
                        let query = "sort=\(sort)&limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                        let page = try await Listings.search(client, query)
                        #expect(page["total"] as? Int == 4)
                        seen += Listings.hitIDs(page)
                        cursor = page["nextCursor"] as? String
                        #expect(cursor != nil || page["nextCursor"] is NSNull)
                    } while cursor != nil
                    #expect(seen.count == 4 && Set(seen) == Set(ids.values), "\(sort)")
                    if sort == "price" { #expect(seen == ["Blue Hostel", "Camp Pune", "Asha Nilaya", "Dock View"].compactMap { ids[$0] }) }
                }
            }
        }
    }

    @Test("an unknown parameter and a malformed value are 422 naming the parameter")
    func refusals() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let refused: [(String, [String])] = [
                    ("colour=red", ["colour"]), ("colour=", ["colour"]), ("priceMax=cheap", ["priceMax"]), ("priceMin=-1", ["priceMin"]),
                    ("limit=0", ["limit"]), ("limit=51", ["limit"]), ("lat=100&lng=77", ["lat"]), ("lng=77", ["lat"]),
                    ("sort=best", ["sort"]), ("cursor=bogus", ["cursor"]), ("amenities=wifi,moat", ["amenities"]),
                    ("from=2030-01-05&to=2030-01-01", ["to"]), ("city=Pune&city=Goa", ["city"]), ("propertyType=castle", ["propertyType"]),
                ]
                for (query, fields) in refused {
                    try await client.execute(uri: "/api/properties?\(query)", method: .get) { response in
                        #expect(response.status == .unprocessableContent, "\(query)")
                        #expect(response.errorCode == "validation_failed")
                        #expect(response.errorFields?.keys.sorted() == fields, "\(query)")
                    }
                }
            }
        }
    }

    @Test("a hit carries its card's fields; distance only when searching near a point")
    func hits() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                let (property, _) = try await Listings.listed(client, owner: owner, admin: admin)
                _ = try await Listings.createRoom(client, owner, property: property, ["roomNumber": "102", "roomType": "Single", "price": 650_000])
                let hit = try #require((try await Listings.search(client, "city=Bengaluru")["hits"] as? [[String: Any]])?.first)
                #expect(
                    Set(hit.keys) == [
                        "id", "propertyName", "city", "locality", "propertyType", "coverImage", "minPrice", "roomTypes", "rating", "reviewCount",
                    ])
                #expect(hit["propertyName"] as? String == "Green Nest PG" && hit["locality"] as? String == "Indiranagar")
                #expect(hit["coverImage"] is NSNull && hit["minPrice"] as? Int == 650_000)
                #expect(Set(hit["roomTypes"] as? [String] ?? []) == ["Double", "Single"])
                let urls = try await Listings.upload(
                    client, "/api/properties/\(property)/images", [ImageSamples.png(1), ImageSamples.png(2)], as: owner)
                let cover = try #require((try urls.data()["images"] as? [String])?.first)
                let near = try #require((try await Listings.search(client, "lat=12.97&lng=77.64&radius=5")["hits"] as? [[String: Any]])?.first)
                #expect(near["coverImage"] as? String == cover)
                let distance = try #require(near["distanceKm"] as? Double)
                #expect(distance > 0 && distance < 5)
            }
        }
    }
}
