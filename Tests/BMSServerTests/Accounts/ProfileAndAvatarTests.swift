import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Profiles and avatars")
struct ProfileAndAvatarTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("others see the public profile; the user themself and admins see the full one")
    func profiles() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let seeker = try await Accounts.register(client)
                let admin = try await Accounts.admin(dependencies, client)
                let path = "/api/users/\(owner.userID)"
                try await client.execute(uri: path, method: .get, headers: seeker.bearer) { response in
                    let user = try #require(try response.data()["user"] as? [String: Any])
                    #expect(Set(user.keys) == ["id", "firstName", "lastName", "fullName", "role", "avatarUrl"])
                }
                for viewer in [owner, admin] {
                    try await client.execute(uri: path, method: .get, headers: viewer.bearer) { response in
                        let user = try #require(try response.data()["user"] as? [String: Any])
                        #expect(user["email"] as? String == owner.email && user["phoneNumber"] is String && user["isSuspended"] is Bool)
                    }
                }
                for missing in ["/api/users/000000000000000000000000", "/api/users/not-an-id"] {
                    try await client.execute(uri: missing, method: .get, headers: seeker.bearer) { #expect($0.status == .notFound) }
                }
            }
        }
    }

    @Test("a user changes their own names and phone, not their role; an admin may change role and verification")
    func updates() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let user = try await Accounts.register(client)
                let admin = try await Accounts.admin(dependencies, client)
                let path = "/api/users/\(user.userID)"
                try await client.execute(
                    uri: path, method: .put, headers: user.bearer, body: Accounts.json(["firstName": "Meera", "phoneNumber": "+91 91234 56789"])
                ) { response in
                    #expect(response.status == .ok)
                    let changed = try #require(try response.data()["user"] as? [String: Any])
                    #expect(changed["firstName"] as? String == "Meera" && changed["phoneNumber"] as? String == "+91 91234 56789")
                }
                try await client.execute(uri: path, method: .put, headers: user.bearer, body: Accounts.json(["role": "owner"])) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: path, method: .put, headers: user.bearer, body: Accounts.json(["firstName": ""])) {
                    #expect($0.status == .unprocessableContent)
                    #expect($0.errorFields?.keys.contains("firstName") == true)
                }
                try await client.execute(uri: path, method: .put, headers: admin.bearer, body: Accounts.json(["role": "owner", "isVerified": true])) {
                    response in
                    #expect(response.status == .ok)
                    let changed = try #require(try response.data()["user"] as? [String: Any])
                    #expect(changed["role"] as? String == "owner" && changed["isVerified"] as? Bool == true)
                }
            }
        }
    }

    @Test("PUT /api/users/:id/stripe reads the owner's payout account from the provider, never from the client")
    func stripeStatus() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                // A client flag is ignored: only the provider's state counts.
                let body = Accounts.json(["stripeConnected": true, "stripeAccountId": "acct_forged"])
                try await client.execute(uri: "/api/users/\(owner.userID)/stripe", method: .put, headers: owner.bearer, body: body) { response in
                    #expect(response.status == .ok)
                    let stripe = try #require(try response.data()["stripe"] as? [String: Any])
                    #expect(stripe["stripeConnected"] as? Bool == false && stripe["stripeAccountId"] is NSNull)
                    #expect(stripe["userId"] as? String == owner.userID)
                }
            }
        }
    }

    @Test("PNG, JPEG and WebP avatars are stored and served at /media with long caching and nosniff", arguments: ImageSamples.all)
    func avatar(sample: ImageSamples.Sample) async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let user = try await Accounts.register(client)
                let (headers, body) = Multipart.form(field: "avatar", filename: "me.\(sample.name)", bytes: sample.bytes, auth: user.bearer)
                let url = try await client.execute(uri: "/api/users/\(user.userID)/avatar", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .ok, "\(response.text)")
                    let changed = try #require(try response.data()["user"] as? [String: Any])
                    return try #require(changed["avatarUrl"] as? String)
                }
                let digest = ContentDigest.sha256Hex(sample.bytes)
                #expect(url == "/media/\(digest)")
                try await client.execute(uri: url, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == sample.type)
                    #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[.eTag] == "\"\(digest)\"")
                    #expect(Array(response.body.readableBytesView) == sample.bytes)
                }
                try await client.execute(uri: url, method: .get, headers: [.ifNoneMatch: "\"\(digest)\""]) { #expect($0.status == .notModified) }
            }
        }
    }

    @Test("a renamed text file, an oversized file, a non-multipart body and a missing field are refused")
    func badUploads() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0", "BMS_MAX_UPLOAD_BYTES": "64KiB"])
            try await app.test { client in
                let user = try await Accounts.register(client)
                let path = "/api/users/\(user.userID)/avatar"
                let text = Multipart.form(field: "avatar", filename: "photo.png", bytes: Array("<html>not an image</html>".utf8), auth: user.bearer)
                try await client.execute(uri: path, method: .post, headers: text.headers, body: text.body) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields?.keys.sorted() == ["avatar"])
                }
                let huge = Multipart.form(
                    field: "avatar", filename: "big.png", bytes: ImageSamples.png + [UInt8](repeating: 0, count: 70_000), auth: user.bearer)
                try await client.execute(uri: path, method: .post, headers: huge.headers, body: huge.body) { #expect($0.status == .contentTooLarge) }
                var json = user.bearer
                json[.contentType] = "application/json"
                try await client.execute(uri: path, method: .post, headers: json, body: Accounts.json([:])) {
                    #expect($0.status == .unsupportedMediaType)
                }
                let other = Multipart.form(field: "picture", filename: "me.png", bytes: ImageSamples.png, auth: user.bearer)
                try await client.execute(uri: path, method: .post, headers: other.headers, body: other.body) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields == ["avatar": "is required"])
                }
                try await client.execute(uri: "/media/\(String(repeating: "a", count: 64))", method: .get) { #expect($0.status == .notFound) }
            }
        }
    }
}
