import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Profile page: details with field errors, and the avatar upload with its CSRF field")
struct ProfilePagesTests {
    /// A multipart form as a browser posts the avatar form: the CSRF field (unless nil), then the file.
    static func avatarForm(csrf: String?, file: [UInt8], session: AccountSession) -> (headers: HTTPFields, body: ByteBuffer) {
        let boundary = Multipart.boundary
        var body: [UInt8] = []
        if let csrf {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(csrf)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\n".utf8)
        body += Array("Content-Type: image/png\r\n\r\n".utf8) + file + Array("\r\n--\(boundary)--\r\n".utf8)
        let headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)",
            .cookie: Browser.cookieHeader(BookingPagesTests.cookies(session)),
        ]
        return (headers, ByteBuffer(bytes: body))
    }

    static func withSeeker(_ body: @Sendable @escaping (any TestClientProtocol, AccountSession, AppDependencies) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let dependencies = app.dependencies
            try await app.test { client in
                try await body(client, try await Accounts.register(client, firstName: "Asha"), dependencies)
            }
        }
    }

    /// The stored user of `session`.
    static func user(_ session: AccountSession, _ dependencies: AppDependencies) throws -> User? {
        guard let id = UserID(session.userID) else { return nil }
        return try dependencies.accounts.user(id)
    }

    @Test("anonymous visitors are sent to log in and back; the page shows the details, the e-mail read-only, and the nav link")
    func access() async throws {
        try await Self.withSeeker { client, seeker, _ in
            try await client.execute(uri: "/profile", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fprofile")
            }
            let page = try await Browser.page(client, "/profile", cookies: BookingPagesTests.cookies(seeker))
            #expect(page.contains(#"<a href="/profile">Profile</a>"#))
            #expect(page.contains(#"id="firstName" name="firstName" type="text" value="Asha""#))
            #expect(page.contains(#"id="phoneNumber" name="phoneNumber" type="tel" value="+91 98765 43210""#))
            #expect(page.contains(#"<input id="email" type="email" value="\#(seeker.email)" readonly"#))
            #expect(page.contains(#"enctype="multipart/form-data""#) && page.contains("data-avatar-input"))
            #expect(!page.contains("nav-avatar"), "no picture yet, so none in the header")
        }
    }

    @Test("details are saved with the API's rules; a refused form keeps the input and shows each problem next to its field")
    func details() async throws {
        try await Self.withSeeker { client, seeker, dependencies in
            let refused = try await BookingPagesTests.post(
                client, "/profile", as: seeker, [("firstName", ""), ("lastName", "Kulkarni"), ("phoneNumber", "call me")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="firstName-error""#) && refused.text.contains(#"id="phoneNumber-error""#))
            #expect(refused.text.contains(#"value="Kulkarni""#) && refused.text.contains(#"value="call me""#))
            #expect(!refused.text.contains(#"id="lastName-error""#))
            #expect(try Self.user(seeker, dependencies)?.lastName == "Rao", "nothing saved")

            let saved = try await BookingPagesTests.post(
                client, "/profile", as: seeker, [("firstName", "Asha"), ("lastName", "Kulkarni"), ("phoneNumber", "+91 99000 11223")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/profile?saved=profile")
            let user = try #require(try Self.user(seeker, dependencies))
            #expect(user.lastName == "Kulkarni" && user.phoneNumber == "+91 99000 11223")
            let page = try await Browser.page(client, "/profile?saved=profile", cookies: BookingPagesTests.cookies(seeker))
            #expect(page.contains("Your profile is saved.") && page.contains("Asha Kulkarni"))
        }
    }

    @Test("posting either form without the CSRF field is refused and changes nothing")
    func csrf() async throws {
        try await Self.withSeeker { client, seeker, dependencies in
            let details = try await BookingPagesTests.post(
                client, "/profile", as: seeker, [("firstName", "Eve"), ("lastName", "Rao"), ("phoneNumber", "+91 98765 43210")], csrf: false)
            #expect(details.status == .forbidden)
            let (headers, body) = Self.avatarForm(csrf: nil, file: ImageSamples.png, session: seeker)
            let avatar = try await client.execute(uri: "/profile/avatar", method: .post, headers: headers, body: body)
            #expect(avatar.status == .forbidden)
            let (wrongHeaders, wrongBody) = Self.avatarForm(csrf: "not-the-token", file: ImageSamples.png, session: seeker)
            #expect(try await client.execute(uri: "/profile/avatar", method: .post, headers: wrongHeaders, body: wrongBody).status == .forbidden)
            let user = try #require(try Self.user(seeker, dependencies))
            #expect(user.firstName == "Asha" && user.avatar == nil)
        }
    }

    @Test("an uploaded picture is stored, shown on the profile and in the header; a non-image is refused next to the field")
    func avatar() async throws {
        try await Self.withSeeker { client, seeker, dependencies in
            let (badHeaders, badBody) = Self.avatarForm(csrf: seeker.csrfToken, file: Array("<html>no</html>".utf8), session: seeker)
            let refused = try await client.execute(uri: "/profile/avatar", method: .post, headers: badHeaders, body: badBody)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="field-error" id="avatar-error">Must be a JPEG, PNG or WebP image"#), "\(refused.text)")
            let (emptyHeaders, emptyBody) = Self.avatarForm(csrf: seeker.csrfToken, file: [], session: seeker)
            let empty = try await client.execute(uri: "/profile/avatar", method: .post, headers: emptyHeaders, body: emptyBody)
            #expect(empty.status == .unprocessableContent && empty.text.contains("Choose a picture first."))

            let (headers, body) = Self.avatarForm(csrf: seeker.csrfToken, file: ImageSamples.png, session: seeker)
            let stored = try await client.execute(uri: "/profile/avatar", method: .post, headers: headers, body: body)
            #expect(stored.status == .seeOther, "\(stored.text)")
            #expect(stored.headers[.location] == "/profile?saved=avatar")
            let digest = try #require(try Self.user(seeker, dependencies)?.avatar)
            let path = MediaController.path(for: digest)
            let page = try await Browser.page(client, "/profile?saved=avatar", cookies: BookingPagesTests.cookies(seeker))
            #expect(page.contains("Your new picture is saved."))
            #expect(page.contains(#"<img class="profile-avatar" id="current-avatar" src="\#(path)""#))
            #expect(page.contains(#"<img class="nav-avatar" src="\#(path)""#))
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == ImageSamples.png)
            }
        }
    }
}
