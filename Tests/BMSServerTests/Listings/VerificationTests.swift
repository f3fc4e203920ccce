import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Admin verification of listings, and the owner's notifications")
struct VerificationTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("verifying lists the property in search and tells its owner by notification and e-mail")
    func verify() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                _ = try await Listings.createRoom(client, owner, property: property)
                try await client.execute(uri: "/api/admin/properties?status=pending", method: .get, headers: admin.bearer) { response in
                    let data = try response.data()
                    #expect((data["properties"] as? [[String: Any]])?.map { $0["id"] as? String } == [property])
                    #expect(data["nextCursor"] is NSNull)
                }
                // The admin was told that a listing waits for them.
                try await client.execute(uri: "/api/notifications", method: .get, headers: admin.bearer) { response in
                    let kinds = (try response.data()["notifications"] as? [[String: Any]])?.map { $0["kind"] as? String }
                    #expect(kinds == ["property-pending"])
                }
                #expect(Listings.hitIDs(try await Listings.search(client, "city=Bengaluru")).isEmpty)

                let decision = Accounts.json(["status": "verified"])
                try await client.execute(uri: "/api/admin/properties/\(property)/verify", method: .put, headers: admin.bearer, body: decision) {
                    response in
                    #expect(response.status == .ok, "\(response.text)")
                    let data = try response.data()
                    #expect((data["property"] as? [String: Any])?["verificationStatus"] as? String == "verified")
                }
                #expect(Listings.hitIDs(try await Listings.search(client, "city=Bengaluru")) == [property])
                try await client.execute(uri: "/api/admin/properties", method: .get, headers: admin.bearer) { response in
                    let data = try response.data()
                    #expect((data["properties"] as? [Any])?.isEmpty == true)
                }
                try await client.execute(uri: "/api/admin/properties?status=verified", method: .get, headers: admin.bearer) { response in
                    let data = try response.data()
                    #expect((data["properties"] as? [[String: Any]])?.map { $0["id"] as? String } == [property])
                }
                try await client.execute(uri: "/api/notifications", method: .get, headers: owner.bearer) { response in
                    let notifications = try #require(try response.data()["notifications"] as? [[String: Any]])
                    #expect(notifications.count == 1)
                    #expect(notifications.first?["kind"] as? String == "property-verified")
                    #expect(notifications.first?["isRead"] as? Bool == false && notifications.first?["readAt"] is NSNull)
                    #expect(notifications.first?["link"] as? String == "/owner/properties/\(property)")
                }
                let mail = try dependencies.outbox.messages(limit: 100, after: nil).filter { $0.recipient.value == owner.email }
                #expect(mail.contains { $0.subject.hasSuffix("is verified") && ($0.link ?? "").hasSuffix("/owner/properties/\(property)") })
            }
        }
    }

    @Test("a rejection needs a reason, which the owner is told; the property stays out of search")
    func reject() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                _ = try await Listings.createRoom(client, owner, property: property)
                let path = "/api/admin/properties/\(property)/verify"
                for (decision, field) in [(["status": "rejected"], "reason"), (["status": "maybe"], "status"), ([:], "status")] {
                    try await client.execute(uri: path, method: .put, headers: admin.bearer, body: Accounts.json(decision)) { response in
                        #expect(response.status == .unprocessableContent, "\(decision)")
                        #expect(response.errorFields?.keys.sorted() == [field])
                    }
                }
                try await Listings.decide(client, admin, property: property, status: "rejected", reason: "The photos show another building.")
                try await client.execute(uri: "/api/properties/\(property)", method: .get, headers: owner.bearer) { response in
                    let data = try #require(try response.data()["property"] as? [String: Any])
                    #expect(data["verificationStatus"] as? String == "rejected")
                    #expect(data["verificationReason"] as? String == "The photos show another building.")
                }
                #expect(Listings.hitIDs(try await Listings.search(client, "")).isEmpty)
                try await client.execute(uri: "/api/notifications", method: .get, headers: owner.bearer) { response in
                    let notification = try #require((try response.data()["notifications"] as? [[String: Any]])?.first)
                    #expect(notification["kind"] as? String == "property-rejected")
                    #expect((notification["body"] as? String)?.contains("another building") == true)
                }
                // Editing a rejected listing sends it back to the queue.
                try await client.execute(
                    uri: "/api/properties/\(property)", method: .put, headers: owner.bearer, body: Accounts.json(["description": "New photos."])
                ) { response in
                    let data = try response.data()
                    #expect((data["property"] as? [String: Any])?["verificationStatus"] as? String == "pending")
                }
            }
        }
    }

    @Test("moving a verified property sends it back to pending and out of search; other edits do not")
    func addressChange() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                let (property, _) = try await Listings.listed(client, owner: owner, admin: admin)
                let path = "/api/properties/\(property)"
                try await client.execute(uri: path, method: .put, headers: owner.bearer, body: Accounts.json(["description": "Now with a gym."])) {
                    let data = try $0.data()
                    #expect((data["property"] as? [String: Any])?["verificationStatus"] as? String == "verified")
                }
                #expect(Listings.hitIDs(try await Listings.search(client, "city=Bengaluru")) == [property])
                let moved = Accounts.json(["address": ["street": "4 Residency Road"]])
                try await client.execute(uri: path, method: .put, headers: owner.bearer, body: moved) { response in
                    let data = try #require(try response.data()["property"] as? [String: Any])
                    #expect(data["verificationStatus"] as? String == "pending")
                    // The parts not sent are kept.
                    #expect((data["address"] as? [String: Any])?["city"] as? String == "Bengaluru")
                    #expect((data["address"] as? [String: Any])?["street"] as? String == "4 Residency Road")
                }
                #expect(Listings.hitIDs(try await Listings.search(client, "city=Bengaluru")).isEmpty)
                try await client.execute(uri: path, method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/admin/properties", method: .get, headers: admin.bearer) { response in
                    let data = try response.data()
                    #expect((data["properties"] as? [[String: Any]])?.map { $0["id"] as? String } == [property])
                }
            }
        }
    }

    @Test("the queue pages oldest first with after; bad parameters are named")
    func queuePaging() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                var created: [String] = []
                for index in 0..<3 { created.append(try await Listings.createProperty(client, owner, ["propertyName": "Nest \(index)"])) }
                var seen: [String] = []
                var after: String?
                repeat {
                    let query = "?status=PENDING&limit=2" + (after.map { "&after=\($0)" } ?? "")
                    after = try await client.execute(uri: "/api/admin/properties" + query, method: .get, headers: admin.bearer) { response in
                        let data = try response.data()
                        seen += (data["properties"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                        return data["nextCursor"] as? String
                    }
                } while after != nil
                #expect(seen == created)
                for (query, field) in [("status=unsure", "status"), ("after=42", "after"), ("limit=101", "limit")] {
                    try await client.execute(uri: "/api/admin/properties?\(query)", method: .get, headers: admin.bearer) { response in
                        #expect(response.status == .unprocessableContent, "\(query)")
                        #expect(response.errorFields?.keys.sorted() == [field])
                    }
                }
            }
        }
    }

    @Test("a user marks their own notification read; someone else's is a 404")
    func markRead() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                for index in 0..<3 {
                    let property = try await Listings.createProperty(client, owner, ["propertyName": "Nest \(index)"])
                    try await Listings.decide(client, admin, property: property, status: "verified")
                }
                let ids = try await client.execute(uri: "/api/notifications?limit=2", method: .get, headers: owner.bearer) { response in
                    let data = try response.data()
                    let page = try #require(data["notifications"] as? [[String: Any]])
                    #expect((page[0]["body"] as? String) == "Seekers can now find and book it.")
                    #expect((page[0]["title"] as? String)?.hasPrefix("Nest 2") == true, "newest first")
                    let next = try #require(data["nextCursor"] as? String)
                    return (page.compactMap { $0["id"] as? String }, next)
                }
                try await client.execute(uri: "/api/notifications?before=\(ids.1)", method: .get, headers: owner.bearer) { response in
                    let rest = try #require(try response.data()["notifications"] as? [[String: Any]])
                    #expect(rest.count == 1 && !ids.0.contains(rest[0]["id"] as? String ?? ""))
                }
                let first = ids.0[0]
                try await client.execute(uri: "/api/notifications/\(first)/read", method: .put, headers: admin.bearer) { response in
                    #expect(response.status == .notFound)
                }
                try await client.execute(uri: "/api/notifications/\(first)/read", method: .put, headers: owner.bearer) { response in
                    #expect(response.status == .ok)
                    let data = try response.data()
                    #expect(data["isRead"] as? Bool == true)
                }
                try await client.execute(uri: "/api/notifications?limit=1", method: .get, headers: owner.bearer) { response in
                    let notification = try #require((try response.data()["notifications"] as? [[String: Any]])?.first)
                    #expect(notification["isRead"] as? Bool == true && notification["readAt"] is String)
                }
                try await client.execute(uri: "/api/notifications?before=nope", method: .get, headers: owner.bearer) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields?.keys.sorted() == ["before"])
                }
            }
        }
    }
}
