import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import BMSServer

@Suite("No secret leaks: password hashes, token hashes and refresh tokens stay out of responses and logs")
struct SecretLeakTests {
    /// Every response of a test, by request.
    final class Transcript: Sendable {
        private let entries = Mutex<[(request: String, body: String)]>([])
        func record(_ request: String, _ body: String) { entries.withLock { $0.append((request, body)) } }
        var all: [(request: String, body: String)] { entries.withLock { $0 } }
    }

    @Test("every flow, logged at trace level: no hash anywhere, refresh tokens only where they are issued")
    func noLeaks() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0", "LOG_LEVEL": "trace"])
            let dependencies = app.dependencies
            let logs = app.logs
            let transcript = Transcript()
            let (refreshTokens, oneTimeTokens) = try await app.test { client in
                var refreshTokens: [String] = []
                var oneTimeTokens: [String] = []
                func call(_ method: HTTPRequest.Method, _ path: String, _ headers: HTTPFields = [:], _ body: [String: Any]? = nil) async throws
                    -> String
                {
                    try await client.execute(uri: path, method: method, headers: headers, body: body.map(Accounts.json)) { response in
                        transcript.record("\(method) \(path)", response.text)
                        return response.text
                    }
                }
                let admin = try await Accounts.admin(dependencies, client)
                let user = try await Accounts.register(client)
                refreshTokens += [admin.refreshToken, user.refreshToken]
                let verification = try Accounts.linkToken(dependencies, to: user.email, page: "verify-email")
                oneTimeTokens.append(verification)
                _ = try await call(.get, "/api/auth/me", user.bearer)
                _ = try await call(.get, "/api/users/\(user.userID)", admin.bearer)
                _ = try await call(.put, "/api/users/\(user.userID)", user.bearer, ["firstName": "Leela"])
                _ = try await call(.get, "/api/admin/users", admin.bearer)
                _ = try await call(.get, "/api/admin/outbox", admin.bearer)
                _ = try await call(.post, "/api/auth/verify-email/\(verification)")
                _ = try await call(.post, "/api/auth/login", [:], ["email": user.email, "password": "Wrong-password-9"])
                let refreshed = try await call(.post, "/api/auth/refresh", [:], ["refreshToken": user.refreshToken])
                let rotated = try #require(
                    (try JSONSerialization.jsonObject(with: Data(refreshed.utf8)) as? [String: Any]).flatMap { $0["data"] as? [String: Any] }?[
                        "refreshToken"] as? String)
                refreshTokens.append(rotated)
                _ = try await call(.post, "/api/auth/refresh", [:], ["refreshToken": user.refreshToken])  // reuse
                _ = try await call(.post, "/api/auth/forgot-password", [:], ["email": user.email])
                let reset = try Accounts.linkToken(dependencies, to: user.email, page: "reset-password")
                oneTimeTokens.append(reset)
                _ = try await call(.post, "/api/auth/reset-password", [:], ["token": reset, "password": "Brand-New-Secret-5"])
                _ = try await call(.post, "/api/auth/logout", [:], ["refreshToken": admin.refreshToken])
                _ = try await call(.put, "/api/admin/users/\(user.userID)/suspend", admin.bearer)
                return (refreshTokens, oneTimeTokens)
            }
            let issuing: Set<String> = ["POST /api/auth/refresh"]
            let hashes = (refreshTokens + oneTimeTokens).flatMap(Self.hashForms)
            let bcrypt = ["$2a$", "$2b$", "$2y$"]
            for (request, body) in transcript.all {
                for marker in bcrypt + hashes { #expect(!body.contains(marker), "\(request) shows \(marker)") }
                if !issuing.contains(request) {
                    for token in refreshTokens { #expect(!body.contains(token), "\(request) shows a refresh token") }
                }
            }
            #expect(logs.all.count > 20)
            for line in logs.all {
                for marker in bcrypt + hashes + refreshTokens { #expect(!line.contains(marker), "log line shows \(marker): \(line)") }
                #expect(!line.contains("Correct-Horse") && !line.contains("Brand-New-Secret"), "\(line)")
            }
        }
    }

    /// SHA-256 of a token as hex and as base64 (the forms a stored hash could be printed in).
    static func hashForms(_ token: String) -> [String] {
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        return [digest.map { String(format: "%02x", $0) }.joined(), Data(digest).base64EncodedString()]
    }
}
