import BMSCore
import BMSStore
import Foundation
import Testing

/// Minimal files with real signatures: what `ImageType.sniff` looks at.
enum SampleImages {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("rest of a png".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("rest of a jpeg".utf8)
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 rest".utf8)
}

@Suite("Avatars")
struct AvatarTests {
    @Test("an avatar is stored under its SHA-256 with the sniffed type")
    func stores() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        let updated = try await fixture.accounts.setAvatar(asha.id, image: SampleImages.png, by: asha)
        let digest = try #require(updated.avatar)
        #expect(digest.description.count == 64)
        let image = try #require(try fixture.media.image(digest))
        #expect(image.type == .png && image.bytes == SampleImages.png)
        #expect(try fixture.accounts.user(asha.id)?.avatar == digest)
        try fixture.expectClean()
    }

    @Test("a renamed text file is refused by its bytes, and nothing is stored")
    func refusesText() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        await #expect(throws: AccountError.unsupportedImage) {
            _ = try await fixture.accounts.setAvatar(asha.id, image: Array("<html>not a picture</html>".utf8), by: asha)
        }
        await #expect(throws: AccountError.unsupportedImage) { _ = try await fixture.accounts.setAvatar(asha.id, image: [], by: asha) }
        #expect(try fixture.accounts.user(asha.id)?.avatar == nil)
    }

    @Test("an image over 5 MiB is refused; one of exactly 5 MiB is taken")
    func sizeLimit() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        let limit = 5 * 1024 * 1024
        let tooLarge = SampleImages.jpeg + [UInt8](repeating: 0, count: limit + 1 - SampleImages.jpeg.count)
        await #expect(throws: AccountError.imageTooLarge(limit: limit)) {
            _ = try await fixture.accounts.setAvatar(asha.id, image: tooLarge, by: asha)
        }
        let atLimit = Array(tooLarge.dropLast())
        let updated = try await fixture.accounts.setAvatar(asha.id, image: atLimit, by: asha)
        #expect(try fixture.media.image(try #require(updated.avatar))?.bytes.count == limit)
        try fixture.expectClean()
    }

    @Test("replacing an avatar releases the old image once no one uses it; equal images are shared")
    func sharesAndReleases() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        let ravi = try await fixture.register("ravi@example.com", first: "Ravi").user
        let shared = try #require(try await fixture.accounts.setAvatar(asha.id, image: SampleImages.png, by: asha).avatar)
        #expect(try await fixture.accounts.setAvatar(ravi.id, image: SampleImages.png, by: ravi).avatar == shared)

        #expect(try fixture.mediaReferences() == ["\(shared)": 2])

        let jpeg = try #require(try await fixture.accounts.setAvatar(asha.id, image: SampleImages.jpeg, by: asha).avatar)
        #expect(try fixture.media.image(shared) != nil)  // Ravi still uses it.
        #expect(try fixture.mediaReferences() == ["\(shared)": 1, "\(jpeg)": 1])
        let webp = try #require(try await fixture.accounts.setAvatar(ravi.id, image: SampleImages.webp, by: ravi).avatar)
        #expect(try fixture.media.image(shared) == nil)
        #expect(try fixture.media.image(jpeg)?.type == .jpeg)
        #expect(try fixture.mediaReferences() == ["\(jpeg)": 1, "\(webp)": 1])

        // Setting the same image again changes nothing.
        let again = try await fixture.accounts.setAvatar(asha.id, image: SampleImages.jpeg, by: asha)
        #expect(again.avatar == jpeg)
        _ = try await fixture.accounts.setAvatar(asha.id, image: SampleImages.webp, by: asha)
        #expect(try fixture.media.image(jpeg) == nil)
        #expect(try fixture.mediaReferences() == ["\(webp)": 2])
        try fixture.expectClean()
    }

    @Test("others may not change an avatar; an admin may, and it is audited")
    func permissions() async throws {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        let asha = try await fixture.register("asha@example.com").user
        let ravi = try await fixture.register("ravi@example.com", first: "Ravi").user
        await #expect(throws: AccountError.forbidden) { _ = try await fixture.accounts.setAvatar(asha.id, image: SampleImages.png, by: ravi) }
        let updated = try await fixture.accounts.setAvatar(asha.id, image: SampleImages.png, by: admin)
        let entry = try #require(try fixture.auditLog.entries(limit: 1, after: nil).first)
        #expect(entry.action == "user.avatar" && entry.target == asha.id)
        #expect(entry.changes == ["avatar": "none → \(try #require(updated.avatar))"])
    }
}
