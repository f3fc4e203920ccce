import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Auth: register, login, refresh rotation, logout")
struct AuthFlowTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("registering answers 201 with the full user, the tokens and three SameSite=Strict cookies")
    func register() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let email = Accounts.newEmail()
                let body = Accounts.json([
                    "firstName": "Asha", "lastName": "Rao", "email": "  \(email.uppercased()) ", "password": Accounts.password,
                    "role": "owner", "phoneNumber": "+91 98765 43210",
                ])
                try await client.execute(uri: "/api/auth/register", method: .post, body: body) { response in
                    #expect(response.status == .created)
                    let data = try response.data()
                    let user = try #require(data["user"] as? [String: Any])
                    #expect(user["email"] as? String == email)
                    #expect(user["role"] as? String == "owner")
                    #expect(user["fullName"] as? String == "Asha Rao")
                    #expect(user["isVerified"] as? Bool == false && user["isSuspended"] as? Bool == false)
                    #expect(user.keys.contains("avatarUrl") && user["createdAt"] is String)
                    #expect(data["expiresIn"] as? Int == 900)
                    let cookies = Accounts.setCookies(response)
                    let access = try #require(cookies["bms_access"])
                    #expect(
                        access.contains("HttpOnly") && access.contains("SameSite=Strict") && access.contains("Path=/")
                            && access.contains("Max-Age=900"), "\(access)")
                    #expect(!access.contains("Secure"))
                    let refresh = try #require(cookies["bms_refresh"])
                    #expect(refresh.contains("HttpOnly") && refresh.contains("Path=/api/auth") && refresh.contains("Max-Age=2592000"), "\(refresh)")
                    let csrf = try #require(cookies["bms_csrf"])
                    #expect(!csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"))
                    #expect(csrf.hasPrefix("bms_csrf=\(try #require(data["csrfToken"] as? String));"))
                }
                try await client.execute(uri: "/api/auth/register", method: .post, body: body) { response in
                    #expect(response.status == .conflict)
                    #expect(response.errorFields == ["email": "is already taken"])
                }
            }
        }
    }

    @Test("cookies are Secure when PUBLIC_URL is https")
    func secureCookies() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["PUBLIC_URL": "https://rooms.example.com", "RATE_LIMIT_PER_MIN": "0"])
            try await app.test { client in
                let session = try await Accounts.register(client)
                #expect(session.cookies.count == 3)
                for cookie in session.cookies.values { #expect(cookie.contains("Secure"), "\(cookie)") }
            }
        }
    }

    @Test("validation errors name every bad field with 422; admin cannot be chosen at registration")
    func validation() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let body = Accounts.json(["firstName": "", "email": "not-an-email", "password": "short", "role": "admin"])
                try await client.execute(uri: "/api/auth/register", method: .post, body: body) { response in
                    #expect(response.status == .unprocessableContent)
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "validation_failed")
                    let fields = try #require(error["fields"] as? [String: String])
                    #expect(Set(fields.keys).isSuperset(of: ["firstName", "lastName", "email", "password", "role", "phoneNumber"]), "\(fields)")
                }
                try await client.execute(uri: "/api/auth/login", method: .post, body: Accounts.json([:])) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields == ["email": "is required", "password": "is required"])
                }
                try await client.execute(uri: "/api/auth/reset-password", method: .post, body: Accounts.json(["token": "x"])) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields == ["password": "is required"])
                }
                try await client.execute(uri: "/api/auth/refresh", method: .post) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect((response.errorFields)?.keys.first == "refreshToken")
                }
            }
        }
    }

    @Test("login: the same 401 for an unknown e-mail and a wrong password; /me shows the user")
    func login() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let registered = try await Accounts.register(client)
                var answers: [String] = []
                for (email, password) in [(registered.email, "Wrong-password-1"), (Accounts.newEmail(), Accounts.password)] {
                    try await client.execute(uri: "/api/auth/login", method: .post, body: Accounts.json(["email": email, "password": password])) {
                        #expect($0.status == .unauthorized)
                        answers.append(
                            try #require(
                                String(
                                    data: Data(try JSONSerialization.data(withJSONObject: try $0.envelopeError(), options: .sortedKeys)),
                                    encoding: .utf8)))
                    }
                }
                #expect(answers[0] == answers[1])
                let session = try await Accounts.login(client, email: registered.email.uppercased())
                try await client.execute(uri: "/api/auth/me", method: .get, headers: session.bearer) { response in
                    #expect(response.status == .ok)
                    let user = try #require(try response.data()["user"] as? [String: Any])
                    #expect(user["id"] as? String == registered.userID && user["email"] as? String == registered.email)
                }
                try await client.execute(uri: "/api/auth/me", method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.errorCode == "unauthenticated")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                }
            }
        }
    }

    @Test("refresh rotates the token; reusing a rotated one revokes the whole family, access tokens included")
    func rotationAndReuse() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let first = try await Accounts.register(client)
                let other = try await Accounts.login(client, email: first.email)
                let second = try await refresh(client, first.refreshToken)
                #expect(second.refreshToken != first.refreshToken && second.accessToken != first.accessToken)
                try await client.execute(uri: "/api/auth/me", method: .get, headers: [.authorization: "Bearer \(second.accessToken)"]) {
                    #expect($0.status == .ok)
                }
                // The rotated token again: refused, and the family is gone.
                try await client.execute(uri: "/api/auth/refresh", method: .post, body: Accounts.json(["refreshToken": first.refreshToken])) {
                    #expect($0.status == .unauthorized)
                    #expect($0.errorCode == "refresh_token_reused")
                }
                try await client.execute(uri: "/api/auth/refresh", method: .post, body: Accounts.json(["refreshToken": second.refreshToken])) {
                    #expect($0.status != .ok)
                }
                for token in [first.accessToken, second.accessToken] {
                    try await client.execute(uri: "/api/auth/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                        #expect($0.status == .unauthorized)
                    }
                }
                // Another login of the same user is a different family and lives on.
                try await client.execute(uri: "/api/auth/me", method: .get, headers: other.bearer) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("a browser refreshes with the bms_refresh cookie and gets new cookies")
    func refreshByCookie() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let session = try await Accounts.register(client)
                try await client.execute(
                    uri: "/api/auth/refresh", method: .post, headers: [.cookie: "bms_refresh=\(session.refreshToken)"]
                ) { response in
                    #expect(response.status == .ok)
                    let data = try response.data()
                    #expect(Set(data.keys) == ["accessToken", "refreshToken", "csrfToken", "expiresIn"])
                    #expect(Accounts.setCookies(response).keys.sorted() == ["bms_access", "bms_csrf", "bms_refresh"])
                }
            }
        }
    }

    @Test("logout ends that login and clears the cookies; logout-all ends every login")
    func logout() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let session = try await Accounts.register(client)
                let laptop = try await Accounts.login(client, email: session.email)
                let phone = try await Accounts.login(client, email: session.email)
                try await client.execute(uri: "/api/auth/logout", method: .post, body: Accounts.json(["refreshToken": session.refreshToken])) {
                    response in
                    #expect(response.status == .ok)
                    let cleared = Accounts.setCookies(response)
                    #expect(cleared.count == 3)
                    for cookie in cleared.values { #expect(cookie.contains("Max-Age=0"), "\(cookie)") }
                }
                try await client.execute(uri: "/api/auth/me", method: .get, headers: session.bearer) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/api/auth/refresh", method: .post, body: Accounts.json(["refreshToken": session.refreshToken])) {
                    #expect($0.status != .ok)
                }
                try await client.execute(uri: "/api/auth/me", method: .get, headers: laptop.bearer) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/auth/logout-all", method: .post, headers: laptop.bearer) { #expect($0.status == .ok) }
                for gone in [laptop, phone] {
                    try await client.execute(uri: "/api/auth/me", method: .get, headers: gone.bearer) { #expect($0.status == .unauthorized) }
                }
                try await client.execute(uri: "/api/auth/logout-all", method: .post) { #expect($0.status == .unauthorized) }
            }
        }
    }

    private func refresh(_ client: some TestClientProtocol, _ token: String) async throws -> (accessToken: String, refreshToken: String) {
        try await client.execute(uri: "/api/auth/refresh", method: .post, body: Accounts.json(["refreshToken": token])) { response in
            #expect(response.status == .ok, "\(response.text)")
            let data = try response.data()
            return (try #require(data["accessToken"] as? String), try #require(data["refreshToken"] as? String))
        }
    }
}
