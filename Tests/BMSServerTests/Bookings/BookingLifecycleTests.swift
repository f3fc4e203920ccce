import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Bookings: owners' decisions, cancellation and the state machine")
struct BookingLifecycleTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("an owner rejects with a reason, which frees the bed; confirming an unpaid booking is 409 payment_state")
    func decide() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let id = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-04"))["id"] as? String)
                let path = "/api/bookings/\(id)"
                func put(_ body: [String: Any], as session: AccountSession) async throws -> TestResponse {
                    try await client.execute(uri: path, method: .put, headers: session.bearer, body: Accounts.json(body))
                }
                let unpaid = try Bookings.expectError(try await put(["status": "confirmed"], as: scene.owner), .conflict, "payment_state")
                #expect(unpaid["paymentStatus"] as? String == "pending")
                #expect((unpaid["message"] as? String)?.contains("paid") == true)
                let noReason = try Bookings.expectError(
                    try await put(["status": "rejected"], as: scene.owner), .unprocessableContent, "validation_failed")
                #expect(noReason["fields"] as? [String: String] == ["reason": "is required when rejecting"])
                for body: [String: Any] in [["status": "maybe"], ["status": "cancelled"], [:]] {
                    let error = try Bookings.expectError(try await put(body, as: scene.owner), .unprocessableContent, "validation_failed")
                    #expect((error["fields"] as? [String: String])?.keys.sorted() == ["status"], "\(body)")
                }
                // The seeker sees the booking but does not decide it.
                try Bookings.expectError(try await put(["status": "rejected", "reason": "x"], as: scene.seeker), .forbidden, "forbidden")

                let rejected = try await put(["status": "rejected", "reason": "Under repair that week"], as: scene.owner)
                #expect(rejected.status == .ok, "\(rejected.text)")
                let booking = try Bookings.booking(rejected)
                #expect(booking["bookingStatus"] as? String == "rejected" && booking["holdExpiresAt"] is NSNull)
                let last = try #require((booking["history"] as? [[String: Any]])?.last)
                #expect(last["from"] as? String == "pending" && last["to"] as? String == "rejected")
                #expect(last["by"] as? String == scene.owner.userID && last["reason"] as? String == "Under repair that week")
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-04") == [0, 0, 0])
                let notifications = try await Bookings.data(client, "/api/notifications", as: scene.seeker)
                #expect((notifications["notifications"] as? [[String: Any]])?.first?["kind"] as? String == "booking-update")

                // Nothing leaves rejected: the 409 names the state.
                let again = try Bookings.expectError(try await put(["status": "confirmed"], as: scene.owner), .conflict, "illegal_transition")
                #expect(again["bookingStatus"] as? String == "rejected")
                #expect((again["message"] as? String)?.contains("is rejected") == true)
                let cancel = try await client.execute(uri: "\(path)/cancel", method: .post, headers: scene.seeker.bearer)
                let refused = try Bookings.expectError(cancel, .conflict, "illegal_transition")
                #expect(refused["message"] as? String == "This booking is rejected, so it cannot become cancelled.")
            }
        }
    }

    @Test("a paid request is confirmed by its owner, keeps its bed without expiry, and the seeker is told")
    func confirm() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: Self.environment, clock: clock)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let id = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-04"))["id"] as? String)
                try await Bookings.pay(client, scene.seeker, id)
                let confirmed = try await Bookings.data(
                    client, "/api/bookings/\(id)", method: .put, as: scene.owner, body: ["status": "confirmed"])
                let booking = try #require(confirmed["booking"] as? [String: Any])
                #expect(booking["bookingStatus"] as? String == "confirmed" && booking["paymentStatus"] as? String == "paid")
                #expect(booking["holdExpiresAt"] is NSNull && (booking["paymentIntentId"] as? String)?.hasPrefix("pi_") == true)
                let notifications = try await Bookings.data(client, "/api/notifications", as: scene.seeker)
                #expect((notifications["notifications"] as? [[String: Any]])?.first?["kind"] as? String == "booking-confirmed")
                let twice = try Bookings.expectError(
                    try await client.execute(
                        uri: "/api/bookings/\(id)", method: .put, headers: scene.owner.bearer, body: Accounts.json(["status": "confirmed"])),
                    .conflict, "illegal_transition")
                #expect(twice["bookingStatus"] as? String == "confirmed")
                // Long after any hold would have ended, the bed is still held.
                clock.advance(by: .seconds(3 * 24 * 3600))
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-04") == [1, 1, 1])
            }
        }
    }

    @Test("cancelling: the refund is shown first, the cancel frees the bed, and a second cancel is 409 naming the state")
    func cancel() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client, property: ["cancellationPolicy": "flexible", "instantBook": true])
                let booking = try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))
                let id = try #require(booking["id"] as? String)
                try await Bookings.pay(client, scene.seeker, id)
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-02") == [1])

                // Long before check-in, the flexible policy gives back everything paid.
                let quote = try await Bookings.data(client, "/api/bookings/\(id)/cancellation-quote", as: scene.seeker)
                let refund = try #require(quote["refund"] as? [String: Any])
                #expect(Set(refund.keys) == ["bookingId", "cancellationPolicy", "byOwner", "amountPaid", "refundAmount", "currency"])
                #expect(refund["bookingId"] as? String == id && refund["cancellationPolicy"] as? String == "flexible")
                #expect(refund["byOwner"] as? Bool == false && refund["currency"] as? String == "INR")
                #expect(refund["amountPaid"] as? Int == 1_266_667 && refund["refundAmount"] as? Int == 1_266_667)
                let ownerQuote = try await Bookings.data(client, "/api/bookings/\(id)/cancellation-quote", as: scene.owner)
                #expect((ownerQuote["refund"] as? [String: Any])?["byOwner"] as? Bool == true)

                let cancelled = try await Bookings.data(
                    client, "/api/bookings/\(id)/cancel", method: .post, as: scene.seeker, body: ["reason": "Plans changed"])
                let after = try #require(cancelled["booking"] as? [String: Any])
                #expect(after["bookingStatus"] as? String == "cancelled" && after["holdExpiresAt"] is NSNull)
                // The refund is made at once through the provider.
                #expect(after["paymentStatus"] as? String == "refunded" && after["amountRefunded"] as? Int == 1_266_667)
                #expect(after["refundDue"] as? Int == 0)
                #expect((after["history"] as? [[String: Any]])?.last?["reason"] as? String == "Plans changed (refund 1266667)")
                let cancelRefund = try #require(cancelled["refund"] as? [String: Any])
                #expect(Bookings.same(cancelRefund, refund), "\(cancelRefund) \(refund)")
                // The bed is free again: availability shows it and another seeker books it.
                #expect(try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-02") == [0])
                let notifications = try await Bookings.data(client, "/api/notifications", as: scene.owner)
                #expect((notifications["notifications"] as? [[String: Any]])?.first?["title"] as? String == "Booking cancelled")
                _ = try await Bookings.create(client, try await Accounts.register(client), scene.form("2030-03-01", "2030-03-11", ["beds": 2]))

                let twice = try await client.execute(uri: "/api/bookings/\(id)/cancel", method: .post, headers: scene.seeker.bearer)
                let error = try Bookings.expectError(twice, .conflict, "illegal_transition")
                #expect(error["bookingStatus"] as? String == "cancelled")
                #expect((error["message"] as? String)?.contains("is cancelled") == true)
            }
        }
    }

    @Test("the policy decides the refund: strict gives half the rent back; an unpaid booking refunds nothing; a body is optional")
    func policies() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client, property: ["cancellationPolicy": "strict"])
                let paid = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-11"))["id"] as? String)
                try await Bookings.pay(client, scene.seeker, paid)
                let strict = try await Bookings.data(client, "/api/bookings/\(paid)/cancellation-quote", as: scene.seeker)
                // Half of 266667 rounds up to 133334, plus the whole deposit.
                #expect((strict["refund"] as? [String: Any])?["refundAmount"] as? Int == 1_133_334)

                let unpaid = try #require(try await Bookings.create(client, scene.seeker, scene.form("2030-04-01", "2030-04-04"))["id"] as? String)
                let response = try await client.execute(uri: "/api/bookings/\(unpaid)/cancel", method: .post, headers: scene.seeker.bearer)
                #expect(response.status == .ok, "\(response.text)")
                let data = try response.data()
                #expect((data["refund"] as? [String: Any])?["refundAmount"] as? Int == 0)
                #expect((data["refund"] as? [String: Any])?["amountPaid"] as? Int == 0)
                #expect((data["booking"] as? [String: Any])?["bookingStatus"] as? String == "cancelled")

                let tooLong = try await client.execute(
                    uri: "/api/bookings/\(paid)/cancel", method: .post, headers: scene.seeker.bearer,
                    body: Accounts.json(["reason": String(repeating: "x", count: 501)]))
                let error = try Bookings.expectError(tooLong, .unprocessableContent, "validation_failed")
                #expect((error["fields"] as? [String: String])?.keys.sorted() == ["reason"])
                let notJSON = try await client.execute(
                    uri: "/api/bookings/\(paid)/cancel", method: .post, headers: scene.seeker.bearer, body: ByteBuffer(string: "reason=x"))
                try Bookings.expectError(notJSON, .badRequest, "invalid_json")
                // The owner cancels a paid booking: everything paid comes back.
                let byOwner = try await Bookings.data(client, "/api/bookings/\(paid)/cancel", method: .post, as: scene.owner, body: [:])
                #expect((byOwner["refund"] as? [String: Any])?["refundAmount"] as? Int == 1_266_667)
                #expect((byOwner["refund"] as? [String: Any])?["byOwner"] as? Bool == true)
                #expect((byOwner["booking"] as? [String: Any])?["amountRefunded"] as? Int == 1_266_667)
                #expect((byOwner["booking"] as? [String: Any])?["refundDue"] as? Int == 0)
            }
        }
    }

    /// A paid request whose hold ended keeps no beds; confirming it checks its nights again.
    @Test("a request confirmed after its hold ended, when its beds were booked meanwhile, is refused rather than overbooked")
    func lateConfirmation() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let environment = Self.environment.merging(["OWNER_RESPONSE_HOURS": "1"]) { $1 }
            let app = try await TestApp(in: directory, environment: environment, clock: clock)
            let dependencies = app.dependencies
            try await app.test { client in
                let scene = try await Bookings.Scene(dependencies, client)
                let request = try await Bookings.create(client, scene.seeker, scene.form("2030-03-01", "2030-03-04", ["beds": 2]))
                let id = try #require(request["id"] as? String)
                try await Bookings.pay(client, scene.seeker, id)
                clock.advance(by: .seconds(2 * 3600))
                // The owner did not answer within OWNER_RESPONSE_HOURS: the beds are free, and someone takes them.
                _ = try await Bookings.create(client, try await Accounts.register(client), scene.form("2030-03-01", "2030-03-04", ["beds": 2]))
                let owner = try await Accounts.login(client, email: scene.owner.email)
                let late = try await client.execute(
                    uri: "/api/bookings/\(id)", method: .put, headers: owner.bearer, body: Accounts.json(["status": "confirmed"]))
                let held = try await Bookings.bedsHeld(client, room: scene.room, from: "2030-03-01", to: "2030-03-04")
                // Refused either way: as unavailable, or as cancelled if the hold-expiry job ran first.
                #expect(late.status == .conflict, "\(late.text)")
                #expect(["unavailable", "illegal_transition"].contains(late.errorCode))
                #expect(held.allSatisfy { $0 <= 2 }, "\(held)")
            }
        }
    }
}
