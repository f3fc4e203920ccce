import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Rooms: numbers, ownership and availability")
struct RoomTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("a room is created with every field; prices are integers in paise")
    func create() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                let body = Accounts.json(Listings.roomForm(property: property))
                try await client.execute(uri: "/api/rooms", method: .post, headers: owner.bearer, body: body) { response in
                    #expect(response.status == .created, "\(response.text)")
                    let room = try #require(try response.data()["room"] as? [String: Any])
                    #expect(
                        Set(room.keys) == [
                            "id", "propertyId", "roomNumber", "roomType", "price", "securityDeposit", "currency", "capacity", "amenities",
                            "images", "isAvailable", "availableFrom", "isActive", "createdAt", "updatedAt",
                        ])
                    #expect(room["propertyId"] as? String == property && room["roomType"] as? String == "Double")
                    #expect(room["price"] as? Int == 800_000 && room["securityDeposit"] as? Int == 1_000_000 && room["currency"] as? String == "INR")
                    #expect(room["capacity"] as? Int == 2 && room["availableFrom"] is NSNull && room["isAvailable"] as? Bool == true)
                }
                let bad = Accounts.json(["propertyId": property, "price": -5, "capacity": 0, "availableFrom": "soon"])
                try await client.execute(uri: "/api/rooms", method: .post, headers: owner.bearer, body: bad) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields.map { Set($0.keys) } == ["roomNumber", "roomType", "price", "capacity", "availableFrom"])
                }
                try await client.execute(
                    uri: "/api/rooms", method: .post, headers: owner.bearer, body: Accounts.json(["propertyId": "nope", "roomNumber": "1"])
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields?.keys.sorted() == ["propertyId"])
                }
            }
        }
    }

    @Test("a room number is unique within its property (409), reusable in another one and after its room is deleted")
    func roomNumbers() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let first = try await Listings.createProperty(client, owner)
                let second = try await Listings.createProperty(client, owner, ["propertyName": "Second Nest"])
                let room = try await Listings.createRoom(client, owner, property: first)
                try await client.execute(
                    uri: "/api/rooms", method: .post, headers: owner.bearer, body: Accounts.json(Listings.roomForm(property: first))
                ) { response in
                    #expect(response.status == .conflict)
                    #expect(response.errorCode == "conflict" && response.errorFields == ["roomNumber": "is already taken"])
                }
                _ = try await Listings.createRoom(client, owner, property: second)
                let other = try await Listings.createRoom(client, owner, property: first, ["roomNumber": "102"])
                let renumber = Accounts.json(["roomNumber": "101"])
                try await client.execute(uri: "/api/rooms/\(other)", method: .put, headers: owner.bearer, body: renumber) {
                    #expect($0.status == .conflict)
                    #expect($0.errorFields == ["roomNumber": "is already taken"])
                }
                try await client.execute(uri: "/api/rooms/\(room)", method: .delete, headers: owner.bearer) { response in
                    #expect(response.status == .ok)
                    let data = try response.data()
                    #expect(data["deleted"] as? Bool == true)
                }
                _ = try await Listings.createRoom(client, owner, property: first)
                try await client.execute(uri: "/api/rooms/property/\(first)", method: .get, headers: owner.bearer) { response in
                    let rooms = try #require(try response.data()["rooms"] as? [[String: Any]])
                    #expect(
                        rooms.map { "\($0["roomNumber"] as? String ?? "") \($0["isActive"] as? Bool ?? true)" } == [
                            "101 false", "102 true", "101 true",
                        ])
                }
            }
        }
    }

    @Test("another owner cannot add, change or delete rooms; the public sees only listed properties' active rooms")
    func ownershipAndVisibility() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                let intruder = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                let room = try await Listings.createRoom(client, owner, property: property)
                try await client.execute(uri: "/api/rooms/\(room)", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/rooms/property/\(property)", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/rooms/\(room)", method: .put, headers: intruder.bearer, body: Accounts.json(["price": 1])) {
                    #expect($0.status == .notFound)
                }
                try await Listings.decide(client, admin, property: property, status: "verified")
                let steal = Accounts.json(Listings.roomForm(property: property, ["roomNumber": "666"]))
                try await client.execute(uri: "/api/rooms", method: .post, headers: intruder.bearer, body: steal) { #expect($0.status == .forbidden) }
                try await client.execute(uri: "/api/rooms/\(room)", method: .put, headers: intruder.bearer, body: Accounts.json(["price": 1])) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/api/rooms/\(room)", method: .delete, headers: intruder.bearer) { #expect($0.status == .forbidden) }
                try await client.execute(uri: "/api/rooms/\(room)", method: .put, headers: owner.bearer, body: Accounts.json(["price": 750_000])) {
                    let data = try $0.data()
                    #expect((data["room"] as? [String: Any])?["price"] as? Int == 750_000)
                }
                try await client.execute(uri: "/api/rooms/\(room)", method: .get) { response in
                    let data = try response.data()
                    #expect((data["room"] as? [String: Any])?["price"] as? Int == 750_000)
                }
                try await client.execute(uri: "/api/rooms/property/\(property)", method: .get) { response in
                    let data = try response.data()
                    #expect((data["rooms"] as? [[String: Any]])?.map { $0["id"] as? String } == [room])
                }
                try await client.execute(uri: "/api/rooms/\(room)", method: .delete, headers: owner.bearer) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/rooms/\(room)", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/rooms/\(room)", method: .get, headers: owner.bearer) { response in
                    let data = try response.data()
                    #expect((data["room"] as? [String: Any])?["isActive"] as? Bool == false)
                }
            }
        }
    }

    @Test("availability lists every night with its beds; without bookings every bed is free")
    func availability() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                let (_, room) = try await Listings.listed(client, owner: owner, admin: admin, room: ["capacity": 3])
                let path = "/api/rooms/\(room)/availability"
                try await client.execute(uri: "\(path)?from=2030-02-26&to=2030-03-03", method: .get) { response in
                    #expect(response.status == .ok, "\(response.text)")
                    let data = try response.data()
                    #expect(data["room"] as? String == room && data["from"] as? String == "2030-02-26" && data["to"] as? String == "2030-03-03")
                    #expect(data["bookable"] as? Bool == true && data["maxBeds"] as? Int == 3)
                    let nights = try #require(data["nights"] as? [[String: Any]])
                    #expect(nights.map { $0["date"] as? String } == ["2030-02-26", "2030-02-27", "2030-02-28", "2030-03-01", "2030-03-02"])
                    #expect(nights.allSatisfy { $0["bedsTotal"] as? Int == 3 && $0["bedsHeld"] as? Int == 0 && $0["bedsFree"] as? Int == 3 })
                }
                let refused: [(String, [String])] = [
                    ("from=2030-03-03&to=2030-03-03", ["to"]), ("from=2030-03-03&to=2030-03-01", ["to"]),
                    ("from=2030-03-01&to=2031-03-02", ["to"]), ("to=2030-03-03", ["from"]), ("", ["from", "to"]),
                    ("from=2030-02-30&to=tomorrow", ["from", "to"]), ("from=2030-03-01&to=2030-03-03&guests=2", ["guests"]),
                    ("from=2030-03-01&from=2030-03-02&to=2030-03-03", ["from"]),
                ]
                for (query, fields) in refused {
                    try await client.execute(uri: "\(path)?\(query)", method: .get) { response in
                        #expect(response.status == .unprocessableContent, "\(query)")
                        #expect(response.errorFields?.keys.sorted() == fields, "\(query)")
                        #expect(response.errorCode == "validation_failed")
                    }
                }
                // A room switched off has no free beds, and says so.
                let switchOff = Accounts.json(["isAvailable": false])
                try await client.execute(uri: "/api/rooms/\(room)", method: .put, headers: owner.bearer, body: switchOff) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "\(path)?from=2030-03-01&to=2030-03-03", method: .get) { response in
                    let data = try response.data()
                    #expect(data["bookable"] as? Bool == false && data["maxBeds"] as? Int == 0)
                }
            }
        }
    }
}
