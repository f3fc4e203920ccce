import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Access tokens: only genuine, unexpired HS256 tokens of live sessions count")
struct AccessTokenTests {
    static let secret = "an-example-secret-of-more-than-32-bytes!"
    static let environment = ["RATE_LIMIT_PER_MIN": "0", "JWT_SECRET": secret]

    @Test("an access token holds sub, role, sid, csrf, iat, exp (15 minutes later) and jti")
    func claims() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let session = try await Accounts.register(client, role: "owner")
                let (header, payload) = try Forgery.parts(session.accessToken)
                #expect(header["alg"] as? String == "HS256")
                #expect(payload["sub"] as? String == session.userID)
                #expect(payload["role"] as? String == "owner")
                #expect((payload["sid"] as? String)?.count == 24)
                #expect(payload["csrf"] as? String == ContentDigest.sha256Hex(Array(session.csrfToken.utf8)))
                #expect(payload["jti"] is String)
                let iat = try #require(payload["iat"] as? Double)
                #expect(try #require(payload["exp"] as? Double) - iat == 900)
            }
        }
    }

    @Test(
        "forged tokens are refused with 401",
        arguments: ["tampered role", "alg none", "RS256 confusion", "wrong secret", "garbage"])
    func forged(kind: String) async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let session = try await Accounts.register(client)
                let (_, payload) = try Forgery.parts(session.accessToken)
                var escalated = payload
                escalated["role"] = "admin"
                let token: String
                switch kind {
                case "tampered role":
                    let parts = session.accessToken.split(separator: ".")
                    token = "\(parts[0]).\(Forgery.encode(escalated)).\(parts[2])"
                case "alg none":
                    token = "\(Forgery.encode(["alg": "none", "typ": "JWT"])).\(Forgery.encode(escalated))."
                case "RS256 confusion":
                    // Correctly HMAC-signed with our own secret, but claiming another algorithm.
                    token = Forgery.sign(header: ["alg": "RS256", "typ": "JWT"], payload: payload, secret: Self.secret)
                case "wrong secret":
                    token = Forgery.sign(header: ["alg": "HS256", "typ": "JWT"], payload: payload, secret: String(repeating: "x", count: 40))
                default:
                    token = "not.a.token"
                }
                try await client.execute(uri: "/api/auth/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.errorCode == "unauthenticated")
                }
                // The same claims signed properly are accepted: the test forges the right thing.
                let genuine = Forgery.sign(header: ["alg": "HS256", "typ": "JWT"], payload: payload, secret: Self.secret)
                try await client.execute(uri: "/api/auth/me", method: .get, headers: [.authorization: "Bearer \(genuine)"]) {
                    #expect($0.status == .ok)
                }
            }
        }
    }

    @Test("a token expires after 15 minutes")
    func expiry() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: Self.environment, clock: clock)
            try await app.test { client in
                let session = try await Accounts.register(client)
                clock.advance(by: .seconds(899))
                try await client.execute(uri: "/api/auth/me", method: .get, headers: session.bearer) { #expect($0.status == .ok) }
                clock.advance(by: .seconds(1))
                try await client.execute(uri: "/api/auth/me", method: .get, headers: session.bearer) { #expect($0.status == .unauthorized) }
            }
        }
    }

    @Test("without JWT_SECRET the key kept in the data file signs, and survives a restart")
    func storedKey() async throws {
        try await withTemporaryDirectory { directory in
            let first = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let session = try await first.test { client in try await Accounts.register(client) }
            let second = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            try await second.test { client in
                try await client.execute(uri: "/api/auth/me", method: .get, headers: session.bearer) { #expect($0.status == .ok) }
            }
        }
    }
}

/// Builds tokens the way an attacker would, to prove the server refuses them.
enum Forgery {
    static func parts(_ token: String) throws -> (header: [String: Any], payload: [String: Any]) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        let headerBytes = try #require(Base64URL.decode(parts[0]))
        let payloadBytes = try #require(Base64URL.decode(parts[1]))
        let header = try #require(try JSONSerialization.jsonObject(with: headerBytes) as? [String: Any])
        let payload = try #require(try JSONSerialization.jsonObject(with: payloadBytes) as? [String: Any])
        return (header, payload)
    }

    static func encode(_ object: [String: Any]) -> String {
        encode(bytes: Array(try! JSONSerialization.data(withJSONObject: object)))
    }

    static func encode(bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func sign(header: [String: Any], payload: [String: Any], secret: String) -> String {
        let input = "\(encode(header)).\(encode(payload))"
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return "\(input).\(encode(bytes: Array(mac)))"
    }
}
