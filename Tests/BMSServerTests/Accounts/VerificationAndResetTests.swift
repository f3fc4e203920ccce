import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("E-mail verification and password reset")
struct VerificationAndResetTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    @Test("the verification link verifies once; a second use is refused; the link is logged without SMTP_URL")
    func verifyOnce() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            let logs = app.logs
            try await app.test { client in
                let user = try await Accounts.register(client)
                let token = try Accounts.linkToken(dependencies, to: user.email, page: "verify-email")
                let logged = logs.all.filter { $0.contains(#""message":"email link""#) && $0.contains(user.email) }
                #expect(logged.count == 1)
                #expect(logged.first?.contains("http://127.0.0.1:8080/auth/verify-email/\(token)") == true)
                try await client.execute(uri: "/api/auth/verify-email/\(token)", method: .post) { response in
                    #expect(response.status == .ok)
                    let user = try response.data()["user"] as? [String: Any]
                    #expect(user?["isVerified"] as? Bool == true)
                }
                try await client.execute(uri: "/api/auth/verify-email/\(token)", method: .post) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.errorCode == "invalid_token")
                }
            }
        }
    }

    @Test("the link in the e-mail opens a page that verifies, or explains an invalid link")
    func verificationPage() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let user = try await Accounts.register(client, firstName: "Kiran")
                let token = try Accounts.linkToken(dependencies, to: user.email, page: "verify-email")
                try await client.execute(uri: "/auth/verify-email/\(token)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.text.contains("Your e-mail address is verified") && response.text.contains("Kiran"))
                }
                try await client.execute(uri: "/auth/verify-email/\(token)", method: .get) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.text.contains("This link is invalid or has expired"))
                }
            }
        }
    }

    @Test("a verification link expires after 24 hours; resending needs a login and sends a fresh one")
    func verificationExpiry() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: Self.environment, clock: clock)
            let dependencies = app.dependencies
            try await app.test { client in
                let user = try await Accounts.register(client)
                let token = try Accounts.linkToken(dependencies, to: user.email, page: "verify-email")
                clock.advance(by: .seconds(24 * 3600 + 1))
                try await client.execute(uri: "/api/auth/verify-email/\(token)", method: .post) { #expect($0.status == .badRequest) }
                try await client.execute(uri: "/api/auth/resend-verification", method: .post) { #expect($0.status == .unauthorized) }
                let session = try await Accounts.login(client, email: user.email)
                try await client.execute(uri: "/api/auth/resend-verification", method: .post, headers: session.bearer) {
                    #expect($0.status == .accepted)
                }
                let fresh = try Accounts.linkToken(dependencies, to: user.email, page: "verify-email")
                #expect(fresh != token)
                try await client.execute(uri: "/api/auth/verify-email/\(fresh)", method: .post) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("forgot-password answers the same for any address; the reset works once, within an hour, and ends every session")
    func passwordReset() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: Self.environment, clock: clock)
            let dependencies = app.dependencies
            try await app.test { client in
                let user = try await Accounts.register(client)
                var answers: [String] = []
                for email in [user.email, Accounts.newEmail("nobody")] {
                    try await client.execute(uri: "/api/auth/forgot-password", method: .post, body: Accounts.json(["email": email])) {
                        #expect($0.status == .accepted)
                        answers.append($0.text)
                    }
                }
                #expect(answers[0] == answers[1])
                let expired = try Accounts.linkToken(dependencies, to: user.email, page: "reset-password")
                clock.advance(by: .seconds(3601))
                let newPassword = "Another-Secret-77"
                try await client.execute(
                    uri: "/api/auth/reset-password", method: .post, body: Accounts.json(["token": expired, "password": newPassword])
                ) { #expect($0.status == .badRequest) }

                try await client.execute(uri: "/api/auth/forgot-password", method: .post, body: Accounts.json(["email": user.email])) { _ in }
                let token = try Accounts.linkToken(dependencies, to: user.email, page: "reset-password")
                try await client.execute(uri: "/api/auth/reset-password", method: .post, body: Accounts.json(["token": token, "password": "short"])) {
                    #expect($0.status == .unprocessableContent)
                    #expect($0.errorFields?.keys.contains("password") == true)
                }
                try await client.execute(
                    uri: "/api/auth/reset-password", method: .post, body: Accounts.json(["token": token, "password": newPassword])
                ) {
                    #expect($0.status == .ok)
                }
                try await client.execute(
                    uri: "/api/auth/reset-password", method: .post, body: Accounts.json(["token": token, "password": newPassword])
                ) {
                    #expect($0.status == .badRequest)
                }
                try await client.execute(uri: "/api/auth/me", method: .get, headers: user.bearer) { #expect($0.status == .unauthorized) }
                _ = try await Accounts.login(client, email: user.email, password: newPassword)
            }
        }
    }

    @Test("with SMTP_URL set, links are not logged")
    func noLinkLogWithSMTP() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0", "SMTP_URL": "smtp://mail.example.com:25"])
            try await app.test { client in _ = try await Accounts.register(client) }
            #expect(!app.logs.all.contains { $0.contains("email link") })
        }
    }
}
