import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Account pages: sign up, log in and out, forgotten passwords")
struct AccountPagesTests {
    @Test("the sign-up form keeps the input and shows each field's problem next to the field, never JSON")
    func signupErrors() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let body = Browser.form([
                    ("role", "owner"), ("firstName", "Kabir"), ("lastName", ""), ("email", "not-an-address"),
                    ("phoneNumber", "+91 98450 12345"), ("password", "short"),
                ])
                try await client.execute(uri: "/signup", method: .post, headers: Browser.formHeaders(), body: body) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let html = response.text
                    #expect(html.contains(#"value="Kabir""#))
                    #expect(html.contains(#"value="not-an-address""#))
                    #expect(html.contains(#"id="email-error""#) && html.contains(#"aria-describedby="email-error""#))
                    #expect(html.contains(#"id="lastName-error""#))
                    #expect(html.contains(#"id="password-error""#))
                    #expect(!html.contains(#"value="short""#), "a password is never echoed")
                    #expect(html.contains(#"value="owner" checked"#), "the chosen role stays chosen")
                    #expect(html.contains("Please correct the fields marked below."))
                    #expect(!html.contains("\"success\""))
                }
            }
        }
    }

    @Test("signing up sets the session cookies, redirects to the welcome page, and the header shows the name")
    func signupSucceeds() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let email = Accounts.newEmail("web")
                let cookies = try await Browser.signUp(client, email: email, firstName: "Meera")
                #expect(cookies[SessionCookies.access]?.isEmpty == false)
                #expect(cookies[SessionCookies.csrf]?.isEmpty == false)
                let welcome = try await Browser.page(client, "/welcome", cookies: cookies)
                #expect(welcome.contains("Welcome to BookMySleep, Meera"))
                #expect(welcome.contains(email))
                #expect(welcome.contains("Hello, <strong>Meera</strong>"))
                #expect(welcome.contains(#"<input type="hidden" name="csrf_token" value="\#(cookies[SessionCookies.csrf]!)">"#))
                #expect(!welcome.contains(#"href="/login""#))
                let again = Browser.form([
                    ("role", "seeker"), ("firstName", "Meera"), ("lastName", "Iyer"), ("email", email), ("phoneNumber", "+91 98450 12345"),
                    ("password", Accounts.password),
                ])
                try await client.execute(uri: "/signup", method: .post, headers: Browser.formHeaders(), body: again) { response in
                    #expect(response.status == .conflict)
                    #expect(response.text.contains("An account with this e-mail address exists already."))
                }
            }
        }
    }

    @Test("a wrong password shows a human message and keeps the e-mail; the right one logs in and redirects")
    func login() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let email = Accounts.newEmail("web")
                _ = try await Accounts.register(client, email: email, firstName: "Ravi")
                let wrong = Browser.form([("email", email), ("password", "Wrong-Password-1"), ("next", "/search?city=Pune")])
                try await client.execute(uri: "/login", method: .post, headers: Browser.formHeaders(), body: wrong) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.text.contains("The e-mail address or password is wrong."))
                    #expect(response.text.contains(#"value="\#(email)""#))
                    #expect(response.headers[values: .setCookie].isEmpty)
                }
                let right = Browser.form([("email", email), ("password", Accounts.password), ("next", "/search?city=Pune")])
                let cookies = try await client.execute(uri: "/login", method: .post, headers: Browser.formHeaders(), body: right) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/search?city=Pune")
                    return Browser.cookies(response)
                }
                let home = try await Browser.page(client, "/", cookies: cookies)
                #expect(home.contains("Hello, <strong>Ravi</strong>"))
                #expect(home.contains(#"action="/logout""#))
            }
        }
    }

    @Test("the header's log-in link brings the person back to the page they were on")
    func loginComesBack() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let search = try await Browser.page(client, "/search?city=Pune&budgetMax=9000")
                #expect(search.contains(#"href="/login?next=%2Fsearch%3Fcity%3DPune%26budgetMax%3D9000""#))
                let login = try await Browser.page(client, "/login?next=%2Fsearch%3Fcity%3DPune")
                #expect(login.contains(#"<input type="hidden" name="next" value="/search?city=Pune">"#))
                #expect(login.contains(#"<a href="/login">Log in</a>"#))
            }
        }
    }

    @Test("a login form's next may only lead to a path on this site")
    func loginRedirectStaysLocal() {
        #expect(LocalRedirect.path("/properties/1?from=2026-01-01") == "/properties/1?from=2026-01-01")
        #expect(LocalRedirect.path("//evil.example/") == "/")
        #expect(LocalRedirect.path("https://evil.example/") == "/")
        #expect(LocalRedirect.path("/\\evil.example") == "/")
        #expect(LocalRedirect.path(nil) == "/")
    }

    @Test("logging out needs the CSRF token: refused without it, and with it the session ends and the cookies are cleared")
    func logout() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let cookies = try await Browser.signUp(client, email: Accounts.newEmail("web"))
                try await client.execute(uri: "/logout", method: .post, headers: Browser.formHeaders(cookies: cookies), body: Browser.form([])) {
                    response in
                    #expect(response.status == .forbidden)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.text.contains("This form is out of date"))
                }
                let wrong = Browser.form([("csrf_token", String(repeating: "0", count: 64))])
                try await client.execute(uri: "/logout", method: .post, headers: Browser.formHeaders(cookies: cookies), body: wrong) { response in
                    #expect(response.status == .forbidden)
                }
                let body = Browser.form([("csrf_token", cookies[SessionCookies.csrf]!)])
                try await client.execute(uri: "/logout", method: .post, headers: Browser.formHeaders(cookies: cookies), body: body) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/login?loggedOut=1")
                    let cleared = Browser.cookies(response)
                    #expect(cleared[SessionCookies.access] == "" && cleared[SessionCookies.csrf] == "")
                }
                // The access token of the ended session no longer identifies anyone, even before it expires.
                let home = try await Browser.page(client, "/", cookies: cookies)
                #expect(home.contains(#"href="/login""#))
                #expect(!home.contains("Hello,"))
            }
        }
    }

    @Test("a form field's CSRF token also passes for the API's cookie sessions, and the handler still reads the body")
    func csrfFieldLeavesBodyReadable() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let cookies = try await Browser.signUp(client, email: Accounts.newEmail("web"))
                let body = Browser.form([("csrf_token", cookies[SessionCookies.csrf]!), ("email", "nobody@example.com")])
                try await client.execute(uri: "/forgot-password", method: .post, headers: Browser.formHeaders(cookies: cookies), body: body) {
                    response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/forgot-password?sent=1")
                }
            }
        }
    }

    @Test("forgot and reset password: the same answer for any address, the link from the outbox sets a new password")
    func passwordReset() async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory)
            let app = test.dependencies
            try await test.test { client in
                let email = Accounts.newEmail("web")
                _ = try await Accounts.register(client, email: email)
                try await client.execute(
                    uri: "/forgot-password", method: .post, headers: Browser.formHeaders(), body: Browser.form([("email", "nope")])
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.text.contains(#"id="email-error""#))
                    #expect(response.text.contains(#"value="nope""#))
                }
                try await client.execute(
                    uri: "/forgot-password", method: .post, headers: Browser.formHeaders(), body: Browser.form([("email", email)])
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/forgot-password?sent=1")
                }
                #expect(try await Browser.page(client, "/forgot-password?sent=1").contains("If an account uses this address"))
                let token = try Accounts.linkToken(app, to: email, page: "reset-password")
                try await client.execute(uri: "/reset-password?token=\(token)", method: .get) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/auth/reset-password/\(token)")
                }
                #expect(try await Browser.page(client, "/auth/reset-password/\(token)").contains("Choose a new password"))
                let mismatch = Browser.form([("password", "New-Password-2026"), ("passwordAgain", "Other-Password-2026")])
                try await client.execute(uri: "/auth/reset-password/\(token)", method: .post, headers: Browser.formHeaders(), body: mismatch) {
                    response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.text.contains(#"id="passwordAgain-error""#))
                }
                let body = Browser.form([("password", "New-Password-2026"), ("passwordAgain", "New-Password-2026")])
                try await client.execute(uri: "/auth/reset-password/\(token)", method: .post, headers: Browser.formHeaders(), body: body) {
                    response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/login?reset=1")
                }
                try await client.execute(uri: "/auth/reset-password/\(token)", method: .post, headers: Browser.formHeaders(), body: body) {
                    response in
                    #expect(response.status == .badRequest)
                    #expect(response.text.contains("This link is invalid, used already, or has expired."))
                }
                _ = try await Accounts.login(client, email: email, password: "New-Password-2026")
            }
        }
    }

    @Test("the verification link's page shows the header for the person looking")
    func verificationLanding() async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory)
            let app = test.dependencies
            try await test.test { client in
                let email = Accounts.newEmail("web")
                let cookies = try await Browser.signUp(client, email: email, firstName: "Tara")
                let token = try Accounts.linkToken(app, to: email, page: "verify-email")
                let page = try await Browser.page(client, "/auth/verify-email/\(token)", cookies: cookies)
                #expect(page.contains("Your e-mail address is verified"))
                #expect(page.contains("Hello, <strong>Tara</strong>"))
                let welcome = try await Browser.page(client, "/welcome", cookies: cookies)
                #expect(!welcome.contains("We have sent a link"))
            }
        }
    }
}
