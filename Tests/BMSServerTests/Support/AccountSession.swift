import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import BMSServer

/// A logged-in user as a test sees them: the ids and tokens the server issued, and the cookies it set.
struct AccountSession: Sendable {
    let userID: String
    let email: String
    let password: String
    let role: String
    let accessToken: String
    let refreshToken: String
    let csrfToken: String
    /// `Set-Cookie` values by cookie name.
    let cookies: [String: String]

    /// `Authorization: Bearer <access token>`.
    var bearer: HTTPFields { [.authorization: "Bearer \(accessToken)"] }

    /// The access cookie alone, as a browser sends it, with or without the CSRF header.
    func cookieHeaders(csrf: Bool) -> HTTPFields {
        var headers: HTTPFields = [.cookie: "\(SessionCookies.access)=\(accessToken); \(SessionCookies.csrf)=\(csrfToken)"]
        if csrf { headers[AuthenticationMiddleware.csrfHeader] = csrfToken }
        return headers
    }
}

/// Requests the account tests make over and over.
enum Accounts {
    static let password = "Correct-Horse-42"
    private static let counter = Counter()

    /// A JSON body.
    static func json(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    /// A fresh, unique e-mail address.
    static func newEmail(_ prefix: String = "user") -> String { "\(prefix)\(counter.next())@example.com" }

    /// Registers a seeker or owner through the API and returns its session.
    static func register(
        _ client: some TestClientProtocol, role: String = "seeker", email: String? = nil, firstName: String = "Asha"
    ) async throws -> AccountSession {
        let email = email ?? newEmail(role)
        let body = json([
            "firstName": firstName, "lastName": "Rao", "email": email, "password": password, "role": role, "phoneNumber": "+91 98765 43210",
        ])
        return try await client.execute(uri: "/api/auth/register", method: .post, body: body) { response in
            #expect(response.status == .created, "\(response.text)")
            return try session(from: response, email: email, password: password)
        }
    }

    /// Logs in through the API.
    static func login(_ client: some TestClientProtocol, email: String, password: String = password) async throws -> AccountSession {
        try await client.execute(uri: "/api/auth/login", method: .post, body: json(["email": email, "password": password])) { response in
            #expect(response.status == .ok, "\(response.text)")
            return try session(from: response, email: email, password: password)
        }
    }

    /// Creates an admin the way `bms admin create` does, then logs in as them.
    static func admin(_ app: AppDependencies, _ client: some TestClientProtocol) async throws -> AccountSession {
        let email = newEmail("admin")
        _ = try await app.accounts.createAdmin(
            firstName: "Site", lastName: "Admin", email: email, password: password, phoneNumber: "+91 90000 00000")
        return try await login(client, email: email)
    }

    /// The session in a register or login answer.
    static func session(from response: TestResponse, email: String, password: String) throws -> AccountSession {
        let data = try #require(try response.json()["data"] as? [String: Any])
        let user = try #require(data["user"] as? [String: Any])
        return AccountSession(
            userID: try #require(user["id"] as? String), email: email, password: password, role: try #require(user["role"] as? String),
            accessToken: try #require(data["accessToken"] as? String), refreshToken: try #require(data["refreshToken"] as? String),
            csrfToken: try #require(data["csrfToken"] as? String), cookies: setCookies(response))
    }

    /// `Set-Cookie` headers by cookie name (the whole header value).
    static func setCookies(_ response: TestResponse) -> [String: String] {
        var cookies: [String: String] = [:]
        for value in response.headers[values: .setCookie] {
            if let name = value.split(separator: "=", maxSplits: 1).first { cookies[String(name)] = value }
        }
        return cookies
    }

    /// The token at the end of the newest outbox link for `recipient` whose path contains `page`.
    static func linkToken(_ app: AppDependencies, to recipient: String, page: String) throws -> String {
        let messages = try app.outbox.messages(limit: 1000, after: nil)
        let link = try #require(messages.last { $0.recipient.value == recipient && ($0.link ?? "").contains("/\(page)/") }?.link)
        return String(try #require(link.split(separator: "/").last))
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int {
            value.withLock { count in
                count += 1
                return count
            }
        }
    }
}

extension TestResponse {
    /// `data` of a success envelope.
    func data() throws -> [String: Any] {
        let object = try json()
        #expect(object["success"] as? Bool == true, "\(text)")
        return try #require(object["data"] as? [String: Any])
    }

    /// `error.fields` of an error envelope; nil for anything else.
    var errorFields: [String: String]? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["fields"] as? [String: String]
    }

    /// `error.code` of an error envelope; nil for anything else.
    var errorCode: String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }
}
