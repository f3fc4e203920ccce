import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

/// Requests the booking tests make over and over, through the API as a client would.
enum Bookings {
    /// A listed property with one room (Double, ₹8,000 per bed and month, ₹10,000 deposit, 2 beds unless
    /// `room` says otherwise), its owner, the admin who verified it, and a seeker.
    struct Scene {
        let admin: AccountSession
        let owner: AccountSession
        let seeker: AccountSession
        let property: String
        let room: String
        /// The application's services, for checking what a request changed in the store.
        let dependencies: AppDependencies

        init(
            _ dependencies: AppDependencies, _ client: some TestClientProtocol, property changes: [String: Any] = [:],
            room: [String: Any] = [:]
        ) async throws {
            self.dependencies = dependencies
            admin = try await Accounts.admin(dependencies, client)
            owner = try await Accounts.register(client, role: "owner")
            seeker = try await Accounts.register(client, firstName: "Sana")
            (property, self.room) = try await Listings.listed(client, owner: owner, admin: admin, changes, room: room)
        }

        /// A booking form for this scene's room.
        func form(_ checkIn: String, _ checkOut: String, _ changes: [String: Any] = [:]) -> [String: Any] {
            Bookings.form(property: property, room: room, checkIn: checkIn, checkOut: checkOut, changes)
        }
    }

    /// A booking form; `changes` replace or add fields.
    static func form(property: String, room: String, checkIn: String, checkOut: String, _ changes: [String: Any] = [:]) -> [String: Any] {
        let form: [String: Any] = ["propertyId": property, "roomId": room, "checkInDate": checkIn, "checkOutDate": checkOut]
        return form.merging(changes) { _, change in change }
    }

    /// `POST /api/bookings` as `seeker`, with an `Idempotency-Key` when given; the response is the test's to check.
    static func post(
        _ client: some TestClientProtocol, _ seeker: AccountSession, _ form: [String: Any], key: String? = nil
    ) async throws -> TestResponse {
        var headers = seeker.bearer
        if let key { headers[.init("Idempotency-Key")!] = key }
        return try await client.execute(uri: "/api/bookings", method: .post, headers: headers, body: Accounts.json(form))
    }

    /// Books as `seeker`, which must succeed with 201; returns the booking.
    static func create(
        _ client: some TestClientProtocol, _ seeker: AccountSession, _ form: [String: Any], key: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await post(client, seeker, form, key: key)
        #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        return try booking(response)
    }

    /// Pays for `booking` as its seeker would: its intent, confirmed with Stripe's test card on the
    /// built-in provider. Returns the payment.
    @discardableResult
    static func pay(
        _ client: some TestClientProtocol, _ seeker: AccountSession, _ booking: String, card: String = "pm_card_visa",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let started = try await client.execute(
            uri: "/api/payments/create-intent", method: .post, headers: seeker.bearer, body: Accounts.json(["bookingId": booking]))
        // 201 for a new intent, 200 for the one made before.
        #expect([.created, .ok].contains(started.status), "\(started.text)", sourceLocation: sourceLocation)
        let id = try #require(try started.data()["intentId"] as? String, sourceLocation: sourceLocation)
        let confirmed = try await data(client, "/api/payments/confirm", method: .post, as: seeker, body: ["intentId": id, "paymentMethod": card])
        return try #require(confirmed["payment"] as? [String: Any], sourceLocation: sourceLocation)
    }

    /// `data.booking` of a success answer.
    static func booking(_ response: TestResponse) throws -> [String: Any] {
        try #require(try response.data()["booking"] as? [String: Any])
    }

    /// `data` of a request that must answer 200 (201 when `created`).
    static func data(
        _ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, as session: AccountSession? = nil,
        body: [String: Any]? = nil, created: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await client.execute(uri: uri, method: method, headers: session?.bearer ?? [:], body: body.map(Accounts.json))
        #expect(response.status == (created ? .created : .ok), "\(method) \(uri): \(response.text)", sourceLocation: sourceLocation)
        return try response.data()
    }

    /// Checks that `response` is the error envelope with `status` and `code` and a message, and returns
    /// its `error` object.
    @discardableResult
    static func expectError(
        _ response: TestResponse, _ status: HTTPResponse.Status, _ code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        let error = try response.envelopeError()
        #expect(error["code"] as? String == code, "\(response.text)", sourceLocation: sourceLocation)
        #expect((error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        return error
    }

    /// The ids of a list answer's bookings, in order.
    static func ids(_ data: [String: Any]) -> [String] {
        (data["bookings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// Beds held per night of a room, from the public availability route.
    static func bedsHeld(_ client: some TestClientProtocol, room: String, from: String, to: String) async throws -> [Int] {
        let data = try await Bookings.data(client, "/api/rooms/\(room)/availability?from=\(from)&to=\(to)")
        return (data["nights"] as? [[String: Any]] ?? []).compactMap { $0["bedsHeld"] as? Int }
    }

    /// Whether two JSON objects are equal (compared as canonical JSON text).
    static func same(_ first: [String: Any], _ second: [String: Any]) -> Bool {
        let canonical = { (object: [String: Any]) in try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) }
        return canonical(first) != nil && canonical(first) == canonical(second)
    }
}
