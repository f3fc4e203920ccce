import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Bookings: who sees which, and the lists of users and properties")
struct BookingListTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("a booking is seen by its seeker, its owner and admins; to anyone else it does not exist")
    func visibility() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let id = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-04"))["id"] as? String)
                let strangers = [try await Accounts.register(client), try await Accounts.register(client, role: "owner")]
                for stranger in strangers {
                    for (method, path) in [
                        (HTTPRequest.Method.get, "/api/bookings/\(id)"), (.get, "/api/bookings/\(id)/cancellation-quote"),
                        (.post, "/api/bookings/\(id)/cancel"),
                    ] {
                        let response = try await client.execute(uri: path, method: method, headers: stranger.bearer)
                        try Bookings.expectError(response, .notFound, "not_found")
                    }
                    let decide = try await client.execute(
                        uri: "/api/bookings/\(id)", method: .put, headers: stranger.bearer,
                        body: Accounts.json(["status": "rejected", "reason": "No"]))
                    try Bookings.expectError(decide, .notFound, "not_found")
                }
                try Bookings.expectError(try await client.execute(uri: "/api/bookings/\(id)", method: .get), .unauthorized, "unauthenticated")
                for unknown in ["0123456789abcdef01234567", "nope"] {
                    let response = try await client.execute(uri: "/api/bookings/\(unknown)", method: .get, headers: scene.seeker.bearer)
                    try Bookings.expectError(response, .notFound, "not_found")
                }
                // Still pending: nobody above changed it.
                let data = try await Bookings.data(client, "/api/bookings/\(id)", as: scene.seeker)
                #expect((data["booking"] as? [String: Any])?["bookingStatus"] as? String == "pending")
            }
        }
    }

    @Test("a user's bookings: newest first, paged with before; the user themself or an admin")
    func userList() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: Self.environment, clock: clock)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                var made: [String] = []
                for (checkIn, checkOut) in [("2030-03-01", "2030-03-04"), ("2030-04-01", "2030-04-04"), ("2030-05-01", "2030-05-04")] {
                    made.append(try #require(try await Bookings.create(client, scene.seeker, scene.form(checkIn, checkOut))["id"] as? String))
                    clock.advance(by: .seconds(2))
                }
                let path = "/api/bookings/user/\(scene.seeker.userID)"
                let first = try await Bookings.data(client, "\(path)?limit=2", as: scene.seeker)
                #expect(Bookings.ids(first) == [made[2], made[1]])
                let cursor = try #require(first["nextCursor"] as? String)
                let second = try await Bookings.data(client, "\(path)?limit=2&before=\(cursor)", as: scene.seeker)
                #expect(Bookings.ids(second) == [made[0]] && second["nextCursor"] is NSNull)
                #expect(Bookings.ids(try await Bookings.data(client, path, as: scene.admin)) == Array(made.reversed()))
                // An owner's list is the bookings of their properties.
                #expect(
                    Bookings.ids(try await Bookings.data(client, "/api/bookings/user/\(scene.owner.userID)", as: scene.owner))
                        == Array(made.reversed()))

                let stranger = try await Accounts.register(client)
                try Bookings.expectError(try await client.execute(uri: path, method: .get, headers: stranger.bearer), .forbidden, "forbidden")
                try Bookings.expectError(try await client.execute(uri: path, method: .get, headers: scene.owner.bearer), .forbidden, "forbidden")
                try Bookings.expectError(try await client.execute(uri: path, method: .get), .unauthorized, "unauthenticated")
                let unknown = try await client.execute(uri: "/api/bookings/user/0123456789abcdef01234567", method: .get, headers: scene.admin.bearer)
                try Bookings.expectError(unknown, .notFound, "not_found")
                for (query, field) in [("limit=0", "limit"), ("limit=101", "limit"), ("before=nope", "before")] {
                    let response = try await client.execute(uri: "\(path)?\(query)", method: .get, headers: scene.seeker.bearer)
                    let error = try Bookings.expectError(response, .unprocessableContent, "validation_failed")
                    #expect((error["fields"] as? [String: String])?.keys.sorted() == [field], "\(query)")
                }
            }
        }
    }

    @Test("an owner lists a property's bookings by check-in, filtered by status and dates; bad values are 422 naming them")
    func propertyList() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let other = try await Accounts.register(client)
                // Made out of check-in order, so that the list's order is not the order of creation.
                let c = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-04-10", "2030-04-12"))["id"] as? String)
                let a = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))["id"] as? String)
                let b = try #require(try await Bookings.create(client, other, scene.form("2030-03-20", "2030-03-25"))["id"] as? String)
                _ = try await Bookings.data(
                    client, "/api/bookings/\(b)", method: .put, as: scene.owner, body: ["status": "rejected", "reason": "Under repair"])

                let path = "/api/bookings/property/\(scene.property)"
                let cases: [(String, [String])] = [
                    ("", [a, b, c]), ("status=rejected", [b]), ("status=PENDING", [a, c]), ("status=confirmed", []),
                    ("from=2030-03-15", [b, c]), ("to=2030-04-01", [a, b]), ("from=2030-03-05&to=2030-03-21", [a, b]),
                    ("from=2030-03-11&to=2030-03-20", []), ("limit=2", [a, b]), ("after=\(b)", [c]), ("status=&from=", [a, b, c]),
                ]
                for (query, expected) in cases {
                    let data = try await Bookings.data(client, "\(path)?\(query)", as: scene.owner)
                    #expect(Bookings.ids(data) == expected, "\(query)")
                }
                let page = try await Bookings.data(client, "\(path)?limit=2", as: scene.admin)
                #expect(page["nextCursor"] as? String == b)

                let refused: [(String, String)] = [
                    ("status=done", "status"), ("from=2030-13-01", "from"), ("to=tomorrow", "to"), ("from=2030-04-01&to=2030-03-01", "to"),
                    ("from=2030-04-01&to=2030-04-01", "to"), ("limit=101", "limit"), ("after=nope", "after"),
                ]
                for (query, field) in refused {
                    let response = try await client.execute(uri: "\(path)?\(query)", method: .get, headers: scene.owner.bearer)
                    let error = try Bookings.expectError(response, .unprocessableContent, "validation_failed")
                    #expect((error["fields"] as? [String: String])?.keys.sorted() == [field], "\(query)")
                }
                let stranger = try await Accounts.register(client, role: "owner")
                for session in [stranger, scene.seeker] {
                    try Bookings.expectError(try await client.execute(uri: path, method: .get, headers: session.bearer), .forbidden, "forbidden")
                }
                let unknown = try await client.execute(
                    uri: "/api/bookings/property/0123456789abcdef01234567", method: .get, headers: scene.owner.bearer)
                try Bookings.expectError(unknown, .notFound, "not_found")
            }
        }
    }
}
