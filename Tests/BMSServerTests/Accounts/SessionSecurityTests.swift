import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Session security: CSRF, suspension, login lockout")
struct SessionSecurityTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("a cookie-authenticated unsafe request needs X-CSRF-Token; safe methods and Bearer requests do not")
    func csrf() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let session = try await Accounts.register(client)
                let update = Accounts.json(["firstName": "Meera"])
                let path = "/api/users/\(session.userID)"
                try await client.execute(uri: "/api/auth/me", method: .get, headers: session.cookieHeaders(csrf: false)) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: path, method: .put, headers: session.cookieHeaders(csrf: false), body: update) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.errorCode == "csrf_failed")
                }
                var wrong = session.cookieHeaders(csrf: false)
                wrong[AuthenticationMiddleware.csrfHeader] = String(repeating: "0", count: 64)
                try await client.execute(uri: path, method: .put, headers: wrong, body: update) { #expect($0.errorCode == "csrf_failed") }
                try await client.execute(uri: path, method: .put, headers: session.cookieHeaders(csrf: true), body: update) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: path, method: .put, headers: session.bearer, body: update) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("a suspended user's still-valid token is refused at once with 403; after unsuspending they can log in again")
    func suspension() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let user = try await Accounts.register(client)
                try await client.execute(uri: "/api/admin/users/\(user.userID)/suspend", method: .put, headers: admin.bearer) {
                    #expect($0.status == .ok)
                    let data = try $0.data()
                    #expect((data["user"] as? [String: Any])?["isSuspended"] as? Bool == true)
                }
                try await client.execute(uri: "/api/auth/me", method: .get, headers: user.bearer) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.errorCode == "account_suspended")
                }
                try await client.execute(
                    uri: "/api/auth/login", method: .post, body: Accounts.json(["email": user.email, "password": user.password])
                ) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/api/admin/users/\(user.userID)/unsuspend", method: .put, headers: admin.bearer) {
                    #expect($0.status == .ok)
                }
                let again = try await Accounts.login(client, email: user.email)
                try await client.execute(uri: "/api/auth/me", method: .get, headers: again.bearer) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("five failed logins lock the account for this address with 429 and Retry-After, until the window passes")
    func lockout() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: Self.environment, clock: clock)
            try await app.test { client in
                let user = try await Accounts.register(client)
                let wrong = Accounts.json(["email": user.email, "password": "Not-the-password-1"])
                for _ in 0..<5 {
                    try await client.execute(uri: "/api/auth/login", method: .post, body: wrong) { #expect($0.status == .unauthorized) }
                }
                try await client.execute(
                    uri: "/api/auth/login", method: .post, body: Accounts.json(["email": user.email, "password": user.password])
                ) {
                    response in
                    #expect(response.status == .tooManyRequests)
                    #expect(response.errorCode == "too_many_failed_logins")
                    let retryAfter = try #require(response.headers[.retryAfter].flatMap(Int.init))
                    #expect((1...900).contains(retryAfter))
                }
                clock.advance(by: .seconds(15 * 60))
                _ = try await Accounts.login(client, email: user.email)
            }
        }
    }
}
