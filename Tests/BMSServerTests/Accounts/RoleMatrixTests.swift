import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Role × route matrix: every protected route refuses the wrong callers")
struct RoleMatrixTests {
    enum Caller: String, CaseIterable, Sendable {
        case anonymous, seeker, owner, admin
    }

    /// One protected route and the status each caller gets. In the path and the JSON body, `{other}` is
    /// another seeker's id and `{self}` the caller's own (`{otherUserId}` and `{selfUserId}` where the
    /// route names the parameter `userId`); `{property}` is a listed property of another owner
    /// (`{propertyId}` likewise), `{room}` its room, `{digest}` a photo of both, `{notification}` a
    /// notification of that owner, and `{booking}` a pending booking of that room by a third seeker
    /// (see `Fixture`).
    struct Case: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let expected: [Caller: HTTPResponse.Status]
        /// JSON text.
        var body: String? = nil
        /// The field of a multipart upload of one PNG.
        var upload: String? = nil
        var testDescription: String { "\(method) \(path)" }
    }

    /// What the matrix's placeholders stand for, and the route parameter each one fills.
    static let placeholders: [(placeholder: String, parameter: String)] = [
        ("{other}", "{id}"), ("{self}", "{id}"), ("{property}", "{id}"), ("{room}", "{id}"), ("{notification}", "{id}"),
        ("{digest}", "{digest}"), ("{booking}", "{id}"), ("{otherUserId}", "{userId}"), ("{selfUserId}", "{userId}"),
        ("{propertyId}", "{propertyId}"), ("{bookingId}", "{bookingId}"),
    ]

    /// Only the admin among the callers may: admin routes, and changes to what someone else owns (the
    /// caller who is an owner owns none of the matrix's resources).
    static let adminOnly: [Caller: HTTPResponse.Status] = [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .ok]
    static let anyUser: [Caller: HTTPResponse.Status] = [.anonymous: .unauthorized, .seeker: .ok, .owner: .ok, .admin: .ok]
    /// A booking is seen only by its seeker, its property's owner and admins: to anyone else it does not exist.
    static let bookingParties: [Caller: HTTPResponse.Status] = [.anonymous: .unauthorized, .seeker: .notFound, .owner: .notFound, .admin: .ok]
    /// Owners about their own money, and admins about anyone's.
    static let ownersAndAdmins: [Caller: HTTPResponse.Status] = [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .ok, .admin: .ok]
    /// What a caller who is not a party to it cannot find: the matrix's booking has no payment yet.
    static let noneFound: [Caller: HTTPResponse.Status] = [.anonymous: .unauthorized, .seeker: .notFound, .owner: .notFound, .admin: .notFound]

    static let cases: [Case] = [
        Case(method: .get, path: "/api/auth/me", expected: anyUser),
        Case(method: .post, path: "/api/auth/logout-all", expected: anyUser),
        // Admins are verified already, so there is nothing to resend.
        Case(
            method: .post, path: "/api/auth/resend-verification",
            expected: [.anonymous: .unauthorized, .seeker: .accepted, .owner: .accepted, .admin: .unprocessableContent]),
        Case(method: .get, path: "/api/users/{other}", expected: anyUser),
        Case(method: .put, path: "/api/users/{other}", expected: adminOnly, body: #"{"lastName":"Changed"}"#),
        Case(method: .put, path: "/api/users/{self}", expected: anyUser, body: #"{"lastName":"Changed"}"#),
        Case(method: .post, path: "/api/users/{other}/avatar", expected: adminOnly, upload: "avatar"),
        Case(method: .post, path: "/api/users/{self}/avatar", expected: anyUser, upload: "avatar"),
        Case(
            method: .put, path: "/api/users/{other}/stripe",
            // `{other}` is a seeker, who has no payout account to look up.
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .notFound]),
        Case(
            method: .put, path: "/api/users/{self}/stripe",
            expected: [.anonymous: .unauthorized, .seeker: .notFound, .owner: .ok, .admin: .notFound]),
        Case(method: .get, path: "/api/admin/users", expected: adminOnly),
        Case(method: .put, path: "/api/admin/users/{other}/suspend", expected: adminOnly),
        Case(method: .put, path: "/api/admin/users/{other}/unsuspend", expected: adminOnly),
        Case(method: .get, path: "/api/admin/outbox", expected: adminOnly),
        // Only owners list properties; admins verify them.
        Case(
            method: .post, path: "/api/properties",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .created, .admin: .forbidden],
            body: String(decoding: Accounts.json(Listings.propertyForm()).readableBytesView, as: UTF8.self)),
        Case(method: .put, path: "/api/properties/{property}", expected: adminOnly, body: #"{"description":"Changed"}"#),
        Case(method: .delete, path: "/api/properties/{property}", expected: adminOnly),
        Case(method: .post, path: "/api/properties/{property}/images", expected: adminOnly, upload: "images"),
        Case(method: .put, path: "/api/properties/{property}/images", expected: adminOnly, body: #"{"order":["{digest}"]}"#),
        Case(method: .delete, path: "/api/properties/{property}/images/{digest}", expected: adminOnly),
        Case(
            method: .post, path: "/api/rooms",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .created],
            body: #"{"propertyId":"{property}","roomNumber":"202","roomType":"Single","price":500000,"capacity":1}"#),
        Case(method: .put, path: "/api/rooms/{room}", expected: adminOnly, body: #"{"price":900000}"#),
        Case(method: .delete, path: "/api/rooms/{room}", expected: adminOnly),
        Case(method: .post, path: "/api/rooms/{room}/images", expected: adminOnly, upload: "images"),
        Case(method: .put, path: "/api/rooms/{room}/images", expected: adminOnly, body: #"{"order":["{digest}"]}"#),
        Case(method: .delete, path: "/api/rooms/{room}/images/{digest}", expected: adminOnly),
        Case(method: .get, path: "/api/admin/properties", expected: adminOnly),
        Case(method: .put, path: "/api/admin/properties/{property}/verify", expected: adminOnly, body: #"{"status":"verified"}"#),
        Case(method: .get, path: "/api/notifications", expected: anyUser),
        // Nobody, admins included, reads another user's notifications.
        Case(
            method: .put, path: "/api/notifications/{notification}/read",
            expected: [.anonymous: .unauthorized, .seeker: .notFound, .owner: .notFound, .admin: .notFound]),
        // Only seekers book.
        Case(
            method: .post, path: "/api/bookings",
            expected: [.anonymous: .unauthorized, .seeker: .created, .owner: .forbidden, .admin: .forbidden],
            body: #"{"propertyId":"{property}","roomId":"{room}","checkInDate":"2030-06-01","checkOutDate":"2030-06-04"}"#),
        Case(method: .get, path: "/api/bookings/{booking}", expected: bookingParties),
        Case(method: .put, path: "/api/bookings/{booking}", expected: bookingParties, body: #"{"status":"rejected","reason":"Full that week"}"#),
        Case(method: .get, path: "/api/bookings/{booking}/cancellation-quote", expected: bookingParties),
        Case(method: .post, path: "/api/bookings/{booking}/cancel", expected: bookingParties, body: #"{"reason":"Plans changed"}"#),
        Case(method: .get, path: "/api/bookings/user/{otherUserId}", expected: adminOnly),
        Case(method: .get, path: "/api/bookings/user/{selfUserId}", expected: anyUser),
        Case(method: .get, path: "/api/bookings/property/{propertyId}", expected: adminOnly),
        // Only the booking's own seeker pays for it: another seeker cannot find it.
        Case(
            method: .post, path: "/api/payments/create-intent",
            expected: [.anonymous: .unauthorized, .seeker: .notFound, .owner: .forbidden, .admin: .forbidden],
            body: #"{"bookingId":"{booking}"}"#),
        Case(method: .post, path: "/api/payments/confirm", expected: noneFound, body: #"{"intentId":"pi_unknown"}"#),
        // Admins refund directly (this booking has not been paid); everyone else cancels.
        Case(
            method: .post, path: "/api/payments/refund",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .notFound], body: #"{"bookingId":"{booking}"}"#),
        Case(
            method: .get, path: "/api/payments/connect-link",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .ok, .admin: .forbidden]),
        Case(method: .get, path: "/api/payments/payouts", expected: ownersAndAdmins),
        Case(method: .get, path: "/api/payments/summary", expected: ownersAndAdmins),
        Case(method: .get, path: "/api/payments/booking/{bookingId}", expected: noneFound),
    ]

    /// Another owner's listed property, with a room and one photo on each, the owner's notification that
    /// it was verified, and, for the routes that need one, a third seeker's pending booking of the room
    /// (only then: beds still held would stop the property and room from being deleted).
    struct Fixture {
        let property: String
        let room: String
        let digest: String
        let notification: String
        let booking: String?

        init(_ dependencies: AppDependencies, _ client: some TestClientProtocol, withBooking: Bool) async throws {
            let owner = try await Accounts.register(client, role: "owner")
            let admin = try await Accounts.admin(dependencies, client)
            (property, room) = try await Listings.listed(client, owner: owner, admin: admin)
            for path in ["/api/properties/\(property)/images", "/api/rooms/\(room)/images"] {
                #expect(try await Listings.upload(client, path, [ImageSamples.png], as: owner).status == .ok)
            }
            digest = ContentDigest.sha256Hex(ImageSamples.png)
            notification = try await client.execute(uri: "/api/notifications", method: .get, headers: owner.bearer) { response in
                try #require((try response.data()["notifications"] as? [[String: Any]])?.first?["id"] as? String)
            }
            if withBooking {
                let seeker = try await Accounts.register(client)
                let form = Bookings.form(property: property, room: room, checkIn: "2030-05-01", checkOut: "2030-05-08")
                booking = try await Bookings.create(client, seeker, form)["id"] as? String
            } else {
                booking = nil
            }
        }

        var values: [String: String] {
            var values = ["{property}": property, "{propertyId}": property, "{room}": room, "{digest}": digest, "{notification}": notification]
            values["{booking}"] = booking
            values["{bookingId}"] = booking
            return values
        }
    }

    @Test("each caller gets the expected status", arguments: cases)
    func matrix(route: Case) async throws {
        #expect(Set(route.expected.keys) == Set(Caller.allCases))
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let dependencies = app.dependencies
            try await app.test { client in
                let other = try await Accounts.register(client)
                let needsBooking = route.path.contains("{booking") || route.body?.contains("{booking}") == true
                let fixture = try await Fixture(dependencies, client, withBooking: needsBooking)
                for caller in Caller.allCases {
                    let session: AccountSession? =
                        switch caller {
                        case .anonymous: nil
                        case .admin: try await Accounts.admin(dependencies, client)
                        case .seeker, .owner: try await Accounts.register(client, role: caller.rawValue)
                        }
                    var values = fixture.values
                    values["{other}"] = other.userID
                    values["{self}"] = session?.userID ?? other.userID
                    values["{otherUserId}"] = values["{other}"]
                    values["{selfUserId}"] = values["{self}"]
                    func fill(_ text: String) -> String {
                        values.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                    }
                    var headers = session?.bearer ?? [:]
                    var body: ByteBuffer?
                    if let field = route.upload {
                        (headers, body) = Multipart.form(field: field, filename: "a.png", bytes: ImageSamples.png(2), auth: headers)
                    } else if let json = route.body {
                        body = ByteBuffer(string: fill(json))
                    }
                    try await client.execute(uri: fill(route.path), method: route.method, headers: headers, body: body) { response in
                        #expect(response.status == route.expected[caller], "\(caller.rawValue): \(response.text)")
                    }
                }
            }
        }
    }

    @Test("the matrix covers every /api route that needs a login")
    func complete() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            // Anyone may call these. The listing reads show the public what is listed, and owners and admins
            // more (PropertyTests, RoomTests).
            let publicRoutes: Set<String> = [
                "POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout",
                "POST /api/auth/verify-email/{token}", "POST /api/auth/forgot-password", "POST /api/auth/reset-password", "GET /api/openapi.json",
                "GET /api/properties", "GET /api/properties/search", "GET /api/properties/{id}", "GET /api/properties/owner/{ownerId}",
                "GET /api/rooms/{id}", "GET /api/rooms/property/{propertyId}", "GET /api/rooms/{id}/availability",
                // The booking form's live quote; the payment provider's webhook (reserved, signed by the provider).
                "GET /api/rooms/{id}/quote", "POST /api/payments/webhook",
            ]
            let api = Set(
                app.router.routes.map { "\($0.method) \($0.path.description)" }.filter { $0.contains(" /api/") })
            let covered = Set(
                Self.cases.map { route in
                    Self.placeholders.reduce("\(route.method) \(route.path)") { $0.replacingOccurrences(of: $1.placeholder, with: $1.parameter) }
                })
            #expect(api.subtracting(publicRoutes) == covered)
        }
    }
}
