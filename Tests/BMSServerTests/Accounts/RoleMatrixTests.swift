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

    /// One protected route and the status each caller gets. `{other}` is another seeker's id, `{self}`
    /// the caller's own.
    struct Case: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let expected: [Caller: HTTPResponse.Status]
        var body: [String: String]? = nil
        var upload = false
        var testDescription: String { "\(method) \(path)" }
    }

    static let cases: [Case] = [
        Case(method: .get, path: "/api/auth/me", expected: [.anonymous: .unauthorized, .seeker: .ok, .owner: .ok, .admin: .ok]),
        Case(method: .post, path: "/api/auth/logout-all", expected: [.anonymous: .unauthorized, .seeker: .ok, .owner: .ok, .admin: .ok]),
        // Admins are verified already, so there is nothing to resend.
        Case(
            method: .post, path: "/api/auth/resend-verification",
            expected: [.anonymous: .unauthorized, .seeker: .accepted, .owner: .accepted, .admin: .unprocessableContent]),
        Case(method: .get, path: "/api/users/{other}", expected: [.anonymous: .unauthorized, .seeker: .ok, .owner: .ok, .admin: .ok]),
        Case(
            method: .put, path: "/api/users/{other}", expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .ok],
            body: ["lastName": "Changed"]),
        Case(
            method: .put, path: "/api/users/{self}", expected: [.anonymous: .unauthorized, .seeker: .ok, .owner: .ok, .admin: .ok],
            body: ["lastName": "Changed"]),
        Case(
            method: .post, path: "/api/users/{other}/avatar",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .ok], upload: true),
        Case(
            method: .post, path: "/api/users/{self}/avatar", expected: [.anonymous: .unauthorized, .seeker: .ok, .owner: .ok, .admin: .ok],
            upload: true),
        Case(
            method: .put, path: "/api/users/{other}/stripe",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .notImplemented]),
        Case(method: .get, path: "/api/admin/users", expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .ok]),
        Case(
            method: .put, path: "/api/admin/users/{other}/suspend",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .ok]),
        Case(
            method: .put, path: "/api/admin/users/{other}/unsuspend",
            expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .ok]),
        Case(method: .get, path: "/api/admin/outbox", expected: [.anonymous: .unauthorized, .seeker: .forbidden, .owner: .forbidden, .admin: .ok]),
    ]

    @Test("each caller gets the expected status", arguments: cases)
    func matrix(route: Case) async throws {
        #expect(Set(route.expected.keys) == Set(Caller.allCases))
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let dependencies = app.dependencies
            try await app.test { client in
                let other = try await Accounts.register(client)
                for caller in Caller.allCases {
                    let session: AccountSession? =
                        switch caller {
                        case .anonymous: nil
                        case .admin: try await Accounts.admin(dependencies, client)
                        case .seeker, .owner: try await Accounts.register(client, role: caller.rawValue)
                        }
                    let path = route.path.replacingOccurrences(of: "{other}", with: other.userID)
                        .replacingOccurrences(of: "{self}", with: session?.userID ?? other.userID)
                    var headers = session?.bearer ?? [:]
                    var body: ByteBuffer?
                    if route.upload {
                        (headers, body) = Multipart.form(field: "avatar", filename: "a.png", bytes: ImageSamples.png, auth: headers)
                    } else if let fields = route.body {
                        body = Accounts.json(fields)
                    }
                    try await client.execute(uri: path, method: route.method, headers: headers, body: body) { response in
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
            let publicRoutes: Set<String> = [
                "POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout",
                "POST /api/auth/verify-email/{token}", "POST /api/auth/forgot-password", "POST /api/auth/reset-password", "GET /api/openapi.json",
            ]
            let api = Set(
                app.router.routes.map { "\($0.method) \($0.path.description)" }.filter { $0.contains(" /api/") })
            let covered = Set(
                Self.cases.map {
                    "\($0.method) \($0.path.replacingOccurrences(of: "{other}", with: "{id}").replacingOccurrences(of: "{self}", with: "{id}"))"
                })
            #expect(api.subtracting(publicRoutes) == covered)
        }
    }
}
