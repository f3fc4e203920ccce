import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Bookings: the booking form's live quote")
struct BookingQuoteTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("anyone gets the price of a stay in a listed room, as the booking will be priced")
    func quote() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let data = try await Bookings.data(client, "/api/rooms/\(scene.room)/quote?from=2030-03-01&to=2030-03-11&beds=2")
                #expect(data["roomId"] as? String == scene.room)
                #expect(data["checkInDate"] as? String == "2030-03-01" && data["checkOutDate"] as? String == "2030-03-11")
                let quote = try #require(data["quote"] as? [String: Any])
                #expect(Set(quote.keys) == ["nights", "beds", "rent", "securityDeposit", "commission", "total", "currency"])
                // 2 beds × ₹8,000 × 10 / 30 = 533333.33 → 533333; deposit 2 × 1000000; 10 % commission of the rent.
                #expect(quote["nights"] as? Int == 10 && quote["beds"] as? Int == 2 && quote["currency"] as? String == "INR")
                #expect(quote["rent"] as? Int == 533_333 && quote["securityDeposit"] as? Int == 2_000_000)
                #expect(quote["commission"] as? Int == 53_333 && quote["total"] as? Int == 2_533_333)
                // beds defaults to 1; rent rounds half up (800000 × 3 / 30 = 80000 exactly, × 7 / 30 = 186666.67).
                let one = try await Bookings.data(client, "/api/rooms/\(scene.room)/quote?from=2030-03-01&to=2030-03-08")
                #expect((one["quote"] as? [String: Any])?["rent"] as? Int == 186_667)
                #expect((one["quote"] as? [String: Any])?["beds"] as? Int == 1)
                // The booking made with that total costs exactly that.
                let booking = try await Bookings.create(
                    client, scene.seeker, scene.form("2030-03-01", "2030-03-11", ["beds": 2, "totalAmount": quote["total"] as Any]))
                #expect(booking["rent"] as? Int == 533_333 && booking["platformCommission"] as? Int == 53_333)
            }
        }
    }

    @Test("unknown and unlisted rooms are 404; bad parameters are 422 naming each one")
    func refusals() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                for room in ["0123456789abcdef01234567", "not-an-id"] {
                    let response = try await client.execute(uri: "/api/rooms/\(room)/quote?from=2030-03-01&to=2030-03-04", method: .get)
                    try Bookings.expectError(response, .notFound, "not_found")
                }
                let unlisted = try await Listings.createProperty(client, scene.owner, ["propertyName": "Unlisted Nest"])
                let hidden = try await Listings.createRoom(client, scene.owner, property: unlisted)
                let path = "/api/rooms/\(hidden)/quote?from=2030-03-01&to=2030-03-04"
                try Bookings.expectError(try await client.execute(uri: path, method: .get), .notFound, "not_found")
                try Bookings.expectError(
                    try await client.execute(uri: path, method: .get, headers: scene.seeker.bearer), .notFound, "not_found")
                _ = try await Bookings.data(client, path, as: scene.owner)

                let refused: [(String, [String])] = [
                    ("", ["from", "to"]), ("from=2030-03-01", ["to"]), ("from=2030-03-04&to=2030-03-01", ["to"]),
                    ("from=2030-03-01&to=2030-03-01", ["to"]), ("from=2030-03-01&to=2031-03-02", ["to"]),
                    ("from=2030-02-30&to=later", ["from", "to"]), ("from=2030-03-01&to=2030-03-04&beds=0", ["beds"]),
                    ("from=2030-03-01&to=2030-03-04&beds=two", ["beds"]), ("from=2030-03-01&to=2030-03-04&beds=1&beds=2", ["beds"]),
                    ("from=2030-03-01&to=2030-03-04&beds=3", ["beds"]), ("from=2030-03-01&to=2030-03-04&guests=2", ["guests"]),
                    ("from=2030-03-01&from=2030-03-02&to=2030-03-04", ["from"]),
                ]
                for (query, fields) in refused {
                    let response = try await client.execute(uri: "/api/rooms/\(scene.room)/quote?\(query)", method: .get)
                    let error = try Bookings.expectError(response, .unprocessableContent, "validation_failed")
                    #expect((error["fields"] as? [String: String])?.keys.sorted() == fields, "\(query)")
                }
            }
        }
    }
}
