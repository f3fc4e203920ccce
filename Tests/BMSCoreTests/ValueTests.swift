import BMSCore
import BMSStore
import Foundation
import StoreTestSupport
import Testing

@Suite("Account value types")
struct ValueTests {
    @Test("e-mail addresses are trimmed and lower-cased")
    func normalisesEmail() throws {
        let address = try #require(EmailAddress("  Asha.Rao+pg@Example.CO.in\n"))
        #expect(address.value == "asha.rao+pg@example.co.in")
        #expect(address.description == address.value)
        #expect(EmailAddress("ASHA@EXAMPLE.COM") == EmailAddress("asha@example.com"))
    }

    @Test(
        "malformed e-mail addresses are refused",
        arguments: [
            "", "asha", "asha@", "@example.com", "asha@example", "asha@@example.com", "as ha@example.com",
            "asha..rao@example.com", ".asha@example.com", "asha@-example.com", "asha@example..com",
            "asha@exa_mple.com", "ašha@example.com", String(repeating: "a", count: 65) + "@example.com",
        ])
    func refusesEmail(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }

    @Test("e-mail addresses decode only when valid")
    func decodesEmail() throws {
        let decoded = try JSONDecoder().decode([EmailAddress].self, from: Data(#"["A@B.io"]"#.utf8))
        #expect(decoded.map(\.value) == ["a@b.io"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([EmailAddress].self, from: Data(#"["nope"]"#.utf8)) }
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["a@b.io"]"#)
    }

    @Test("user ids are 24 hex characters, in JSON too")
    func userIDs() throws {
        let id = UserID(ObjectID())
        #expect(UserID(id.description) == id)
        #expect(UserID("zz") == nil && UserID(String(repeating: "g", count: 24)) == nil)
        #expect(String(decoding: try JSONEncoder().encode([id]), as: UTF8.self) == "[\"\(id)\"]")
    }

    @Test("media digests are 64 lowercase hex characters")
    func digests() {
        let text = String(repeating: "ab", count: 32)
        #expect(MediaDigest(text)?.description == text)
        #expect(MediaDigest(text.uppercased()) == nil)
        #expect(MediaDigest(String(text.dropLast())) == nil)
        #expect(MediaDigest(String(text.dropLast()) + "g") == nil)
    }

    @Test("media digests are JSON strings")
    func digestJSON() throws {
        let text = String(repeating: "0f", count: 32)
        let decoded = try JSONDecoder().decode([MediaDigest].self, from: Data("[\"\(text)\"]".utf8))
        #expect(decoded.map(\.description) == [text])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == "[\"\(text)\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MediaDigest].self, from: Data(#"["abc"]"#.utf8)) }
    }

    @Test("image types come from magic bytes")
    func sniffs() {
        #expect(ImageType.sniff(SampleImages.png) == .png)
        #expect(ImageType.sniff(SampleImages.jpeg) == .jpeg)
        #expect(ImageType.sniff(SampleImages.webp) == .webp)
        #expect(ImageType.sniff(Array("GIF89a....".utf8)) == nil)
        #expect(ImageType.sniff(Array("RIFF....WAVE".utf8)) == nil)
        #expect(ImageType.sniff([0xFF, 0xD8]) == nil)
        #expect(ImageType.jpeg.rawValue == "image/jpeg")
    }

    @Test("the password hash shows up nowhere: not in descriptions, reflection or dumps")
    func hidesPasswordHash() async throws {
        let fixture = try AccountsFixture()
        let session = try await fixture.register("asha@example.com")
        var dumped = ""
        dump(session, to: &dumped)
        for text in [dumped, "\(session.user)", String(reflecting: session.user), String(describing: session)] {
            #expect(!text.contains("$2"), "\(text)")
            #expect(!text.contains("passwordHash"), "\(text)")
        }
        #expect(!Mirror(reflecting: session.user).children.contains { $0.label == "passwordHash" })
        #expect(dumped.contains("asha@example.com"))
    }

    @Test("the JWT signing key is 32 random bytes, made once and kept in the data file")
    func signingKey() async throws {
        let directory = StoreTestSupport.TemporaryDirectory()
        let options = StoreOptions(initialMapSize: 1 << 20)
        var store = try Store.open(at: directory.path, options: options, schema: BookMySleepSchema.current)
        let key = try await ServerSecrets.jwtSigningKey(in: store)
        #expect(key.count == 32)
        #expect(try await ServerSecrets.jwtSigningKey(in: store) == key)
        store.close()
        store = try Store.open(at: directory.path, options: options, schema: BookMySleepSchema.current)
        defer { store.close() }
        #expect(try await ServerSecrets.jwtSigningKey(in: store) == key)

        let other = StoreTestSupport.TemporaryDirectory()
        let otherStore = try Store.open(at: other.path, options: options, schema: BookMySleepSchema.current)
        defer { otherStore.close() }
        #expect(try await ServerSecrets.jwtSigningKey(in: otherStore) != key)
    }

    @Test("the outbox pages oldest first, the order of delivery")
    func outboxPaging() async throws {
        let fixture = try AccountsFixture()
        for name in ["a", "b", "c"] { try await fixture.register("\(name)@example.com") }
        let first = try fixture.outbox.messages(limit: 2, after: nil)
        let rest = try fixture.outbox.messages(limit: 2, after: first.last?.id)
        #expect((first + rest).map(\.recipient.value) == ["a@example.com", "b@example.com", "c@example.com"])
    }
}
