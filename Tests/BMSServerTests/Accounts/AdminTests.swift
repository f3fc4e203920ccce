import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Admin: users and outbox")
struct AdminTests {
    @Test("admins list users with filters, prefix search and cursor pagination with a total")
    func listUsers() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                for index in 0..<3 { _ = try await Accounts.register(client, role: "owner", firstName: "Owner\(index)") }
                let seeker = try await Accounts.register(client, firstName: "Zubin")
                func list(_ query: String) async throws -> [String: Any] {
                    try await client.execute(uri: "/api/admin/users?\(query)", method: .get, headers: admin.bearer) { response in
                        #expect(response.status == .ok, "\(query): \(response.text)")
                        return try response.data()
                    }
                }
                #expect(try await list("")["total"] as? Int == 5)
                let owners = try await list("role=owner&verified=&suspended=false")
                #expect(owners["total"] as? Int == 3)
                #expect((owners["users"] as? [[String: Any]])?.allSatisfy { $0["role"] as? String == "owner" && $0["email"] is String } == true)
                let found = try await list("q=zub")
                #expect((found["users"] as? [[String: Any]])?.map { $0["id"] as? String } == [seeker.userID])
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let page = try await list("limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    #expect(page["total"] as? Int == 5)
                    seen += (page["users"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    cursor = page["nextCursor"] as? String
                } while cursor != nil
                #expect(seen.count == 5 && Set(seen).count == 5)
                for bad in ["role=king", "verified=perhaps", "limit=0", "limit=101"] {
                    try await client.execute(uri: "/api/admin/users?\(bad)", method: .get, headers: admin.bearer) { response in
                        #expect(response.status == .unprocessableContent, "\(bad)")
                        #expect(response.errorFields?.count == 1)
                    }
                }
            }
        }
    }

    @Test("the outbox lists the e-mails, oldest first, with their links; suspending an unknown user is a 404")
    func outbox() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let first = try await Accounts.register(client)
                let second = try await Accounts.register(client)
                try await client.execute(uri: "/api/admin/outbox?limit=1", method: .get, headers: admin.bearer) { response in
                    let data = try response.data()
                    let messages = try #require(data["messages"] as? [[String: Any]])
                    #expect(messages.count == 1)
                    #expect(messages[0]["recipient"] as? String == first.email)
                    #expect(messages[0]["status"] as? String == "queued")
                    #expect((messages[0]["link"] as? String)?.contains("/auth/verify-email/") == true)
                    let next = try #require(data["nextCursor"] as? String)
                    try await client.execute(uri: "/api/admin/outbox?after=\(next)", method: .get, headers: admin.bearer) { response in
                        let rest = try #require(try response.data()["messages"] as? [[String: Any]])
                        #expect(rest.map { $0["recipient"] as? String } == [second.email])
                    }
                }
                try await client.execute(uri: "/api/admin/users/000000000000000000000000/suspend", method: .put, headers: admin.bearer) {
                    #expect($0.status == .notFound)
                }
            }
        }
    }
}
