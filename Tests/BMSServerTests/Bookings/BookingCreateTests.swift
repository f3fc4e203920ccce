import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Bookings: creating, pricing and holding beds")
struct BookingCreateTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("a seeker books: 201 with the server's price, pending, its bed held, and the owner is notified")
    func create() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            let events = dependencies.events.subscribe()
            let ownerID = try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                // 10 nights of one bed at ₹8,000 a month: 800000 × 10 / 30 = 266666.67 → 266667 paise.
                let form = scene.form("2030-03-01", "2030-03-11", ["totalAmount": 1_266_667, "specialRequests": "Near the window"])
                let booking = try await Bookings.create(client, scene.seeker, form)
                #expect(
                    Set(booking.keys) == [
                        "id", "seekerId", "ownerId", "propertyId", "roomId", "checkInDate", "checkOutDate", "nights", "beds", "rent",
                        "securityDeposit", "platformCommission", "totalAmount", "currency", "bookingStatus", "paymentStatus", "holdExpiresAt",
                        "paymentMethod", "specialRequests", "paymentIntentId", "amountRefunded", "refundDue", "cancellationPolicy", "instantBook",
                        "timeZone",
                        "history", "createdAt", "updatedAt",
                    ])
                let id = try #require(booking["id"] as? String)
                #expect(booking["seekerId"] as? String == scene.seeker.userID && booking["ownerId"] as? String == scene.owner.userID)
                #expect(booking["propertyId"] as? String == scene.property && booking["roomId"] as? String == scene.room)
                #expect(booking["checkInDate"] as? String == "2030-03-01" && booking["checkOutDate"] as? String == "2030-03-11")
                #expect(booking["nights"] as? Int == 10 && booking["beds"] as? Int == 1)
                #expect(booking["rent"] as? Int == 266_667 && booking["securityDeposit"] as? Int == 1_000_000)
                #expect(booking["platformCommission"] as? Int == 26_667 && booking["totalAmount"] as? Int == 1_266_667)
                #expect(booking["currency"] as? String == "INR" && booking["amountRefunded"] as? Int == 0)
                #expect(booking["bookingStatus"] as? String == "pending" && booking["paymentStatus"] as? String == "pending")
                #expect(booking["holdExpiresAt"] is String && booking["paymentIntentId"] is NSNull)
                #expect(booking["paymentMethod"] as? String == "card" && booking["specialRequests"] as? String == "Near the window")
                #expect(booking["cancellationPolicy"] as? String == "moderate" && booking["instantBook"] as? Bool == false)
                #expect(booking["timeZone"] as? String == "Asia/Kolkata")
                let history = try #require(booking["history"] as? [[String: Any]])
                #expect(history.count == 1)
                #expect(history.first?["by"] as? String == scene.seeker.userID && history.first?["from"] is NSNull)
                #expect(history.first?["to"] as? String == "pending" && history.first?["reason"] as? String == "requested")

                // The bed is held on every night of the stay, and not on the check-out day.
                #expect(
                    try await Bookings.bedsHeld(client, room: scene.room, from: "2030-02-28", to: "2030-03-12") == [0]
                        + Array(repeating: 1, count: 10) + [0])

                // Its seeker, its owner and admins read the same booking.
                for session in [scene.seeker, scene.owner, scene.admin] {
                    let data = try await Bookings.data(client, "/api/bookings/\(id)", as: session)
                    #expect((data["booking"] as? [String: Any])?["id"] as? String == id)
                }

                let notifications = try await Bookings.data(client, "/api/notifications", as: scene.owner)
                let newest = try #require((notifications["notifications"] as? [[String: Any]])?.first)
                #expect(newest["kind"] as? String == "booking-request" && newest["link"] as? String == "/bookings/\(id)")
                let seekerNotifications = try await Bookings.data(client, "/api/notifications", as: scene.seeker)
                #expect((seekerNotifications["notifications"] as? [[String: Any]])?.isEmpty == true)
                return scene.owner.userID
            }
            // The live event for the owner is published once the booking is committed.
            var received = events.makeAsyncIterator()
            let event = try #require(await received.next())
            #expect(event.type == "booking-request" && event.recipients.map(\.description) == [ownerID])
        }
    }

    @Test("a totalAmount that is not the server's price is 409 price_changed with the current quote, and books nothing")
    func priceChanged() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let quote = try await Bookings.data(client, "/api/rooms/\(scene.room)/quote?from=2030-03-01&to=2030-03-11&beds=2")
                let expected = try #require(quote["quote"] as? [String: Any])
                let form = scene.form("2030-03-01", "2030-03-11", ["beds": 2, "totalAmount": 2_400_000])
                let error = try Bookings.expectError(try await Bookings.post(client, scene.seeker, form), .conflict, "price_changed")
                let carried = try #require(error["quote"] as? [String: Any])
                #expect(Bookings.same(carried, expected), "\(carried) \(expected)")
                #expect(carried["total"] as? Int == 2_533_333 && carried["rent"] as? Int == 533_333 && carried["commission"] as? Int == 53_333)
                #expect(carried["securityDeposit"] as? Int == 2_000_000 && carried["nights"] as? Int == 10 && carried["beds"] as? Int == 2)
                #expect((error["message"] as? String)?.contains("2533333") == true)
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-03") == [0, 0])
                // Sending the quote's total books it.
                let booking = try await Bookings.create(
                    client, scene.seeker, scene.form("2030-03-01", "2030-03-11", ["beds": 2, "totalAmount": 2_533_333]))
                #expect(booking["totalAmount"] as? Int == 2_533_333)
            }
        }
    }

    @Test("beds are never overbooked: a night without enough free beds is 409 unavailable naming it")
    func overbooking() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let second = try await Accounts.register(client)
                let third = try await Accounts.register(client)
                _ = try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))
                let both = try Bookings.expectError(
                    try await Bookings.post(client, second, scene.form("2030-03-05", "2030-03-08", ["beds": 2])), .conflict, "unavailable")
                #expect(both["firstFullNight"] as? String == "2030-03-05")
                #expect((both["message"] as? String)?.contains("not enough free beds on the night of 2030-03-05") == true)
                _ = try await Bookings.create(client, second, scene.form("2030-03-05", "2030-03-08"))
                let last = try Bookings.expectError(
                    try await Bookings.post(client, third, scene.form("2030-03-03", "2030-03-12")), .conflict, "unavailable")
                #expect(last["firstFullNight"] as? String == "2030-03-05")
                // The night the first stay checks out is free again.
                _ = try await Bookings.create(client, third, scene.form("2030-03-11", "2030-03-12", ["beds": 2]))
                // A room its owner switched off takes no bookings, and says why.
                try await client.execute(
                    uri: "/api/rooms/\(scene.room)", method: .put, headers: scene.owner.bearer, body: Accounts.json(["isAvailable": false])
                ) { #expect($0.status == .ok) }
                let off = try Bookings.expectError(
                    try await Bookings.post(client, third, scene.form("2030-06-01", "2030-06-02")), .conflict, "unavailable")
                #expect(off["firstFullNight"] == nil && (off["message"] as? String)?.contains("not taking bookings") == true)
            }
        }
    }

    @Test("an Idempotency-Key makes a retry answer the same booking; the key with another body is 422 naming it")
    func idempotency() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let form = scene.form("2030-03-01", "2030-03-04")
                let first = try await Bookings.create(client, scene.seeker, form, key: "checkout-7f3a")
                let again = try await Bookings.create(client, scene.seeker, form, key: "checkout-7f3a")
                #expect(again["id"] as? String == first["id"] as? String)
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-02") == [1])
                let mine = try await Bookings.data(client, "/api/bookings/user/\(scene.seeker.userID)", as: scene.seeker)
                #expect(Bookings.ids(mine).count == 1)

                let reused = try Bookings.expectError(
                    try await Bookings.post(client, scene.seeker, scene.form("2030-03-01", "2030-03-05"), key: "checkout-7f3a"),
                    .unprocessableContent, "validation_failed")
                #expect(reused["fields"] as? [String: String] == ["Idempotency-Key": "was used before with a different request"])

                // Keys are per user: another seeker's same key is a new booking.
                let other = try await Accounts.register(client)
                let theirs = try await Bookings.create(client, other, form, key: "checkout-7f3a")
                #expect(theirs["id"] as? String != first["id"] as? String)

                let empty = try Bookings.expectError(
                    try await Bookings.post(client, scene.seeker, form, key: ""), .unprocessableContent, "validation_failed")
                #expect((empty["fields"] as? [String: String])?.keys.sorted() == ["Idempotency-Key"])
                let long = try Bookings.expectError(
                    try await Bookings.post(client, scene.seeker, form, key: String(repeating: "k", count: 256)), .unprocessableContent,
                    "validation_failed")
                #expect((long["fields"] as? [String: String])?.keys.sorted() == ["Idempotency-Key"])
                // Without a key, the same body books again.
                let later = scene.form("2030-04-01", "2030-04-04")
                let once = try await Bookings.create(client, scene.seeker, later)
                let twice = try await Bookings.create(client, scene.seeker, later)
                #expect(once["id"] as? String != twice["id"] as? String)
            }
        }
    }

    @Test("a bad form is 422 naming each field; unknown and unlisted rooms are 404; only seekers book")
    func refusals() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let refused: [([String: Any], [String])] = [
                    ([:], ["checkInDate", "checkOutDate", "propertyId", "roomId"]),
                    (scene.form("2030-03-01", "soon"), ["checkOutDate"]),
                    (scene.form("2030-02-30", "2030-03-04"), ["checkInDate"]),
                    (scene.form("2030-03-04", "2030-03-01"), ["checkOutDate"]),
                    (scene.form("2020-03-01", "2020-03-04"), ["checkInDate"]),
                    (scene.form("2030-03-01", "2031-03-04"), ["checkOutDate"]),
                    (scene.form("2030-03-01", "2030-03-04", ["beds": 3]), ["beds"]),
                    (scene.form("2030-03-01", "2030-03-04", ["beds": 0, "totalAmount": -1]), ["beds", "totalAmount"]),
                    (scene.form("2030-03-01", "2030-03-04", ["seekerId": scene.owner.userID]), ["seekerId"]),
                    (scene.form("2030-03-01", "2030-03-04", ["propertyId": "nope", "roomId": "nope"]), ["propertyId", "roomId"]),
                    (scene.form("2030-03-01", "2030-03-04", ["beds": "two"]), ["beds"]),
                ]
                for (form, fields) in refused {
                    let error = try Bookings.expectError(
                        try await Bookings.post(client, scene.seeker, form), .unprocessableContent, "validation_failed")
                    #expect((error["fields"] as? [String: String])?.keys.sorted() == fields, "\(form)")
                }
                // A room of another property of the same owner.
                let otherProperty = try await Listings.createProperty(client, scene.owner, ["propertyName": "Second Nest"])
                let otherRoom = try await Listings.createRoom(client, scene.owner, property: otherProperty)
                let mismatch = try Bookings.expectError(
                    try await Bookings.post(client, scene.seeker, scene.form("2030-03-01", "2030-03-04", ["roomId": otherRoom])),
                    .notFound, "not_found")
                #expect(mismatch["fields"] == nil)
                try await Listings.decide(client, scene.admin, property: otherProperty, status: "verified")
                let wrongRoom = try Bookings.expectError(
                    try await Bookings.post(client, scene.seeker, scene.form("2030-03-01", "2030-03-04", ["roomId": otherRoom])),
                    .unprocessableContent, "validation_failed")
                #expect(wrongRoom["fields"] as? [String: String] == ["roomId": "is not a room of this property"])
                // An unknown room, and a room of a property nobody verified, do not exist for a seeker.
                let unlisted = try await Listings.createProperty(client, scene.owner, ["propertyName": "Unlisted Nest"])
                let hiddenRoom = try await Listings.createRoom(client, scene.owner, property: unlisted)
                for form in [
                    scene.form("2030-03-01", "2030-03-04", ["roomId": "0123456789abcdef01234567"]),
                    Bookings.form(property: unlisted, room: hiddenRoom, checkIn: "2030-03-01", checkOut: "2030-03-04"),
                ] {
                    try Bookings.expectError(try await Bookings.post(client, scene.seeker, form), .notFound, "not_found")
                }
                // Owners and admins do not book; nor does anyone anonymous.
                for session in [scene.owner, scene.admin] {
                    try Bookings.expectError(
                        try await Bookings.post(client, session, scene.form("2030-03-01", "2030-03-04")), .forbidden, "forbidden")
                }
                let anonymous = try await client.execute(
                    uri: "/api/bookings", method: .post, body: Accounts.json(scene.form("2030-03-01", "2030-03-04")))
                try Bookings.expectError(anonymous, .unauthorized, "unauthenticated")
                let notJSON = try await client.execute(
                    uri: "/api/bookings", method: .post, headers: scene.seeker.bearer, body: ByteBuffer(string: "{beds: 1"))
                try Bookings.expectError(notJSON, .badRequest, "invalid_json")
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-04") == [0, 0, 0])
            }
        }
    }

    @Test("the settings come from the environment: fee, hold and shortest stay")
    func settings() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let environment = Self.environment.merging(["PLATFORM_FEE_BPS": "1500", "BOOKING_HOLD_MINUTES": "5", "MIN_STAY_NIGHTS": "3"]) { $1 }
            let app = try await TestApp(in: directory, environment: environment, clock: clock)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let booking = try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))
                // 15 % of 266667 = 40000.05 → 40000.
                #expect(booking["platformCommission"] as? Int == 40_000 && booking["totalAmount"] as? Int == 1_266_667)
                let created = try #require((booking["createdAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
                let hold = try #require((booking["holdExpiresAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
                #expect(abs(hold.timeIntervalSince(created) - 300) < 1)
                let quote = try await Bookings.data(client, "/api/rooms/\(scene.room)/quote?from=2030-03-01&to=2030-03-11")
                #expect((quote["quote"] as? [String: Any])?["commission"] as? Int == 40_000)

                let short = try Bookings.expectError(
                    try await Bookings.post(client, scene.seeker, scene.form("2030-04-01", "2030-04-03")), .unprocessableContent,
                    "validation_failed")
                #expect(short["fields"] as? [String: String] == ["checkOutDate": "the stay must be 3 to 365 nights"])
                let shortQuote = try await client.execute(uri: "/api/rooms/\(scene.room)/quote?from=2030-04-01&to=2030-04-03", method: .get)
                let quoteError = try Bookings.expectError(shortQuote, .unprocessableContent, "validation_failed")
                #expect(quoteError["fields"] as? [String: String] == ["to": "the stay must be 3 to 365 nights"])

                // An unpaid booking holds its bed for BOOKING_HOLD_MINUTES only.
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-02") == [1])
                clock.advance(by: .seconds(6 * 60))
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-02") == [0])
                _ = try await Bookings.create(client, try await Accounts.register(client), scene.form("2030-03-01", "2030-03-11", ["beds": 2]))
            }
        }
    }
}
