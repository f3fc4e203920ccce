import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

/// Requests the listing tests make over and over, through the API as a client would.
enum Listings {
    /// A complete property form in Bengaluru; `changes` replace or add top-level fields.
    static func propertyForm(_ changes: [String: Any] = [:]) -> [String: Any] {
        let address: [String: Any] = [
            "street": "12 MG Road", "locality": "Indiranagar", "city": "Bengaluru", "state": "Karnataka", "country": "India",
            "zipCode": "560038", "coordinates": ["lat": 12.9784, "lng": 77.6408],
        ]
        let form: [String: Any] = [
            "propertyName": "Green Nest PG", "description": "A quiet PG near the metro.", "address": address, "propertyType": "PG",
            "amenities": ["wifi", "meals"], "rules": ["No smoking"],
        ]
        return form.merging(changes) { _, change in change }
    }

    /// A complete room form: a double room at ₹8,000 per bed and month.
    static func roomForm(property: String, _ changes: [String: Any] = [:]) -> [String: Any] {
        let form: [String: Any] = [
            "propertyId": property, "roomNumber": "101", "roomType": "Double", "price": 800_000, "securityDeposit": 1_000_000,
            "capacity": 2, "amenities": ["ac"],
        ]
        return form.merging(changes) { _, change in change }
    }

    /// Creates a property as `owner` and returns its id.
    static func createProperty(_ client: some TestClientProtocol, _ owner: AccountSession, _ changes: [String: Any] = [:]) async throws -> String {
        let body = Accounts.json(propertyForm(changes))
        return try await client.execute(uri: "/api/properties", method: .post, headers: owner.bearer, body: body) { response in
            #expect(response.status == .created, "\(response.text)")
            return try #require((try response.data()["property"] as? [String: Any])?["id"] as? String)
        }
    }

    /// Creates a room of `property` as `owner` and returns its id.
    static func createRoom(
        _ client: some TestClientProtocol, _ owner: AccountSession, property: String, _ changes: [String: Any] = [:]
    ) async throws -> String {
        let body = Accounts.json(roomForm(property: property, changes))
        return try await client.execute(uri: "/api/rooms", method: .post, headers: owner.bearer, body: body) { response in
            #expect(response.status == .created, "\(response.text)")
            return try #require((try response.data()["room"] as? [String: Any])?["id"] as? String)
        }
    }

    /// An admin's decision, which must succeed.
    static func decide(
        _ client: some TestClientProtocol, _ admin: AccountSession, property: String, status: String, reason: String? = nil
    ) async throws {
        var decision = ["status": status]
        decision["reason"] = reason
        let body = Accounts.json(decision)
        try await client.execute(uri: "/api/admin/properties/\(property)/verify", method: .put, headers: admin.bearer, body: body) { response in
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    /// A property the public can find: created by `owner` with one room, verified by `admin`.
    static func listed(
        _ client: some TestClientProtocol, owner: AccountSession, admin: AccountSession, _ changes: [String: Any] = [:],
        room: [String: Any] = [:]
    ) async throws -> (property: String, room: String) {
        let property = try await createProperty(client, owner, changes)
        let roomID = try await createRoom(client, owner, property: property, room)
        try await decide(client, admin, property: property, status: "verified")
        return (property, roomID)
    }

    /// Uploads `files` to a photo route (`/api/properties/ID/images`); the response is the test's to check.
    static func upload(
        _ client: some TestClientProtocol, _ path: String, _ files: [[UInt8]], as session: AccountSession
    ) async throws -> TestResponse {
        let (headers, body) = Multipart.form(field: "images", files: files, auth: session.bearer)
        return try await client.execute(uri: path, method: .post, headers: headers, body: body)
    }

    /// `data` of a search that must succeed; `query` is the query string without `?`.
    static func search(_ client: some TestClientProtocol, _ query: String) async throws -> [String: Any] {
        try await client.execute(uri: "/api/properties?\(query)", method: .get) { response in
            #expect(response.status == .ok, "\(query): \(response.text)")
            return try response.data()
        }
    }

    /// The ids of a search's hits.
    static func hitIDs(_ page: [String: Any]) -> [String] {
        (page["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
}
