import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Properties: listing, reading, changing and deleting, and who may")
struct PropertyTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("an owner lists a property: 201 with every field, pending, and hidden from the public until verified")
    func create() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner", firstName: "Kiran")
                let body = Accounts.json(Listings.propertyForm(["instantBook": true, "cancellationPolicy": "strict"]))
                let id = try await client.execute(uri: "/api/properties", method: .post, headers: owner.bearer, body: body) { response in
                    #expect(response.status == .created, "\(response.text)")
                    let property = try #require(try response.data()["property"] as? [String: Any])
                    #expect(
                        Set(property.keys) == [
                            "id", "ownerId", "ownerName", "propertyName", "description", "address", "propertyType", "amenities", "images",
                            "rules", "isActive", "verificationStatus", "verificationReason", "rating", "reviewCount", "timeZone",
                            "cancellationPolicy", "instantBook", "createdAt", "updatedAt", "deletedAt",
                        ])
                    #expect(property["ownerId"] as? String == owner.userID && property["ownerName"] as? String == "Kiran Rao")
                    #expect(property["verificationStatus"] as? String == "pending" && property["verificationReason"] is NSNull)
                    #expect(property["propertyType"] as? String == "PG" && property["amenities"] as? [String] == ["wifi", "meals"])
                    #expect(property["timeZone"] as? String == "Asia/Kolkata" && property["cancellationPolicy"] as? String == "strict")
                    #expect(property["instantBook"] as? Bool == true && property["isActive"] as? Bool == true)
                    #expect(property["images"] as? [String] == [] && property["rating"] as? Double == 0)
                    let address = try #require(property["address"] as? [String: Any])
                    #expect(address["city"] as? String == "Bengaluru" && address["locality"] as? String == "Indiranagar")
                    let coordinates = try #require(address["coordinates"] as? [String: Double])
                    #expect(coordinates == ["lat": 12.9784, "lng": 77.6408])
                    #expect((property["createdAt"] as? String)?.hasSuffix("Z") == true)
                    return try #require(property["id"] as? String)
                }
                try await client.execute(uri: "/api/properties/\(id)", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/properties/\(id)", method: .get, headers: owner.bearer) { response in
                    #expect(response.status == .ok)
                    let data = try response.data()
                    #expect((data["property"] as? [String: Any])?["id"] as? String == id)
                    #expect(data["rooms"] as? [Any] != nil)
                }
            }
        }
    }

    @Test("seekers and admins cannot list properties; a bad form names every bad field")
    func refusedCreates() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let seeker = try await Accounts.register(client)
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                for caller in [seeker, admin] {
                    try await client.execute(
                        uri: "/api/properties", method: .post, headers: caller.bearer, body: Accounts.json(Listings.propertyForm())
                    ) { response in
                        #expect(response.status == .forbidden)
                        #expect(response.errorCode == "forbidden")
                    }
                }
                let bad = Accounts.json(["propertyName": "", "propertyType": "castle", "amenities": ["moat"]])
                try await client.execute(uri: "/api/properties", method: .post, headers: owner.bearer, body: bad) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields.map { Set($0.keys) } == ["propertyName", "propertyType", "amenities", "address"])
                }
                let mistyped = Accounts.json(Listings.propertyForm(["instantBook": "yes"]))
                try await client.execute(uri: "/api/properties", method: .post, headers: owner.bearer, body: mistyped) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields == ["instantBook": "must be true or false"])
                }
            }
        }
    }

    @Test("an owner changes their own property; another owner gets 404 while it is unlisted and 403 once it is listed")
    func ownership() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let intruder = try await Accounts.register(client, role: "owner")
                let admin = try await Accounts.admin(dependencies, client)
                let id = try await Listings.createProperty(client, owner)
                let change = Accounts.json(["propertyName": "Taken Over"])
                for (method, body) in [(HTTPRequest.Method.put, change), (.delete, nil)] {
                    try await client.execute(uri: "/api/properties/\(id)", method: method, headers: intruder.bearer, body: body) { response in
                        #expect(response.status == .notFound, "\(method)")
                        #expect(response.errorCode == "not_found")
                    }
                }
                try await Listings.decide(client, admin, property: id, status: "verified")
                for (method, body) in [(HTTPRequest.Method.put, change), (.delete, nil)] {
                    try await client.execute(uri: "/api/properties/\(id)", method: method, headers: intruder.bearer, body: body) { response in
                        #expect(response.status == .forbidden, "\(method)")
                        #expect(response.errorCode == "forbidden")
                    }
                }
                let update = Accounts.json(["propertyName": "Green Nest Deluxe", "rules": ["No pets", "Gate closes at 11"]])
                try await client.execute(uri: "/api/properties/\(id)", method: .put, headers: owner.bearer, body: update) { response in
                    #expect(response.status == .ok, "\(response.text)")
                    let property = try #require(try response.data()["property"] as? [String: Any])
                    #expect(property["propertyName"] as? String == "Green Nest Deluxe")
                    #expect(property["rules"] as? [String] == ["No pets", "Gate closes at 11"])
                    // A new name is no reason to check the listing again; a new address is (VerificationTests).
                    #expect(property["verificationStatus"] as? String == "verified")
                }
                try await client.execute(uri: "/api/properties/\(id)", method: .get) { response in
                    let data = try response.data()
                    #expect((data["property"] as? [String: Any])?["propertyName"] as? String == "Green Nest Deluxe")
                }
            }
        }
    }

    @Test("a deleted property is gone for the public and stays, inactive, for its owner")
    func delete() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let admin = try await Accounts.admin(dependencies, client)
                let (id, room) = try await Listings.listed(client, owner: owner, admin: admin)
                try await client.execute(uri: "/api/properties/\(id)", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/properties/\(id)", method: .delete, headers: owner.bearer) { response in
                    #expect(response.status == .ok)
                    let data = try response.data()
                    #expect(data["deleted"] as? Bool == true)
                }
                for path in ["/api/properties/\(id)", "/api/rooms/\(room)", "/api/rooms/property/\(id)"] {
                    try await client.execute(uri: path, method: .get) { response in
                        #expect(response.status == .notFound, "\(path)")
                        #expect(response.errorCode == "not_found")
                    }
                }
                try await client.execute(uri: "/api/properties/\(id)", method: .get, headers: owner.bearer) { response in
                    #expect(response.status == .ok)
                    let data = try response.data()
                    #expect((data["property"] as? [String: Any])?["isActive"] as? Bool == false)
                    #expect((data["property"] as? [String: Any])?["deletedAt"] is String)
                    #expect((data["rooms"] as? [[String: Any]])?.map { $0["isActive"] as? Bool } == [false])
                }
                let revive = Accounts.json(["isActive": true])
                try await client.execute(uri: "/api/properties/\(id)", method: .put, headers: owner.bearer, body: revive) { response in
                    #expect(response.status == .notFound, "a deleted property cannot be brought back")
                }
                #expect(Listings.hitIDs(try await Listings.search(client, "")).isEmpty)
                try await client.execute(uri: "/api/properties/owner/\(owner.userID)", method: .get) { response in
                    let data = try response.data()
                    #expect((data["properties"] as? [Any])?.isEmpty == true)
                }
                try await client.execute(uri: "/api/properties/owner/\(owner.userID)", method: .get, headers: owner.bearer) { response in
                    let properties = try #require(try response.data()["properties"] as? [[String: Any]])
                    #expect(properties.map { $0["id"] as? String } == [id] && properties[0]["isActive"] as? Bool == false)
                }
            }
        }
    }

    @Test("an owner's properties page newest first with limit and before; bad parameters are named")
    func ownerListing() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let admin = try await Accounts.admin(dependencies, client)
                var created: [String] = []
                for index in 0..<3 { created.append(try await Listings.createProperty(client, owner, ["propertyName": "Nest \(index)"])) }
                try await Listings.decide(client, admin, property: created[1], status: "verified")
                let path = "/api/properties/owner/\(owner.userID)"
                var seen: [String] = []
                var before: String?
                repeat {
                    let query = "?limit=2" + (before.map { "&before=\($0)" } ?? "")
                    before = try await client.execute(uri: path + query, method: .get, headers: owner.bearer) { response in
                        let data = try response.data()
                        seen += (data["properties"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                        return data["nextCursor"] as? String
                    }
                } while before != nil
                #expect(seen == created.reversed())
                try await client.execute(uri: path, method: .get) { response in
                    let data = try response.data()
                    #expect((data["properties"] as? [[String: Any]])?.map { $0["id"] as? String } == [created[1]])
                    #expect(data["nextCursor"] is NSNull)
                }
                for (query, field) in [("limit=0", "limit"), ("limit=ten", "limit"), ("before=xyz", "before")] {
                    try await client.execute(uri: "\(path)?\(query)", method: .get) { response in
                        #expect(response.status == .unprocessableContent, "\(query)")
                        #expect(response.errorFields?.keys.sorted() == [field])
                    }
                }
                try await client.execute(uri: "/api/properties/owner/nobody", method: .get) { #expect($0.status == .notFound) }
            }
        }
    }

    @Test("malformed and unknown ids are 404 in the error envelope")
    func malformedIDs() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let unknown = "000000000000000000000000"
                let requests: [(String, HTTPRequest.Method)] = [
                    ("/api/properties/not-an-id", .get), ("/api/properties/\(unknown)", .get), ("/api/properties/not-an-id", .put),
                    ("/api/properties/\(unknown)", .put), ("/api/properties/not-an-id", .delete), ("/api/rooms/not-an-id", .get),
                    ("/api/rooms/\(unknown)", .put), ("/api/rooms/property/not-an-id", .get),
                    ("/api/rooms/\(unknown)/availability?from=2030-01-01&to=2030-01-02", .get),
                    ("/api/properties/\(unknown)/images/not-a-digest", .delete), ("/api/notifications/not-an-id/read", .put),
                ]
                for (path, method) in requests {
                    let body = method == .put ? Accounts.json(["description": "x"]) : nil
                    try await client.execute(uri: path, method: method, headers: owner.bearer, body: body) { response in
                        #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                        let error = try response.envelopeError()
                        #expect(error["code"] as? String == "not_found")
                    }
                }
            }
        }
    }
}
