import BMSCore
import BMSStore
import Foundation
import Testing

@Suite("E-mail verification and password reset")
struct EmailLinkTests {
    @Test("the verification link verifies once")
    func verifiesOnce() async throws {
        let fixture = try AccountsFixture()
        let session = try await fixture.register("asha@example.com")
        let token = try fixture.latestLinkToken()
        fixture.clock.advance(.seconds(23 * 3600))
        let verified = try await fixture.accounts.verifyEmail(token: token)
        #expect(verified.isVerified && verified.id == session.user.id)
        #expect(try fixture.accounts.user(session.user.id)?.isVerified == true)
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.verifyEmail(token: token) }
        try fixture.expectClean()
    }

    @Test("the verification link expires after 24 hours")
    func verificationExpires() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        let token = try fixture.latestLinkToken()
        fixture.clock.advance(.seconds(24 * 3600))
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.verifyEmail(token: token) }
    }

    @Test("resending makes a new link and retires the old one; a verified address has nothing to resend")
    func resends() async throws {
        let fixture = try AccountsFixture()
        let session = try await fixture.register("asha@example.com")
        let old = try fixture.latestLinkToken()
        try await fixture.accounts.resendVerification(session.user.id)
        let new = try fixture.latestLinkToken()
        #expect(new != old)
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.verifyEmail(token: old) }
        _ = try await fixture.accounts.verifyEmail(token: new)
        let error = await accountError { try await fixture.accounts.resendVerification(session.user.id) }
        #expect(fields(error) == ["email"])
        await #expect(throws: AccountError.notFound) { try await fixture.accounts.resendVerification(UserID(ObjectID())) }
        try fixture.expectClean()
    }

    @Test("a verification token is not a reset token, nor the other way round")
    func purposesDoNotMix() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        let verification = try fixture.latestLinkToken()
        await #expect(throws: AccountError.invalidToken) {
            try await fixture.accounts.resetPassword(token: verification, newPassword: "brand new pass 9")
        }
        try await fixture.accounts.requestPasswordReset(email: "asha@example.com")
        let reset = try fixture.latestLinkToken()
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.verifyEmail(token: reset) }
    }

    @Test("a reset request for an unknown e-mail answers the same and queues nothing")
    func resetUnknownEmail() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        let before = try fixture.recordCounts()
        try await fixture.accounts.requestPasswordReset(email: "nobody@example.com")
        #expect(try fixture.recordCounts() == before)
        try await fixture.accounts.requestPasswordReset(email: " ASHA@example.com")
        let message = try #require(try fixture.latestMessage())
        #expect(message.recipient.value == "asha@example.com")
        #expect(message.link?.hasPrefix("http://127.0.0.1:8080/reset-password/") == true)
        let error = await accountError { try await fixture.accounts.requestPasswordReset(email: "nonsense") }
        #expect(fields(error) == ["email"])
    }

    @Test("a reset sets the password once, ends every session and verifies the address")
    func resets() async throws {
        let fixture = try AccountsFixture()
        let first = try await fixture.register("asha@example.com")
        let second = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        try await fixture.accounts.requestPasswordReset(email: "asha@example.com")
        let token = try fixture.latestLinkToken()

        let weak = await accountError { try await fixture.accounts.resetPassword(token: token, newPassword: "asha@example.com") }
        #expect(fields(weak) == ["password"])

        fixture.clock.advance(.seconds(59 * 60))
        try await fixture.accounts.resetPassword(token: token, newPassword: "brand new pass 9")
        #expect(try !fixture.accounts.isSessionActive(first.sessionID))
        #expect(try !fixture.accounts.isSessionActive(second.sessionID))
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(second.refreshToken) }
        #expect(try fixture.accounts.user(first.user.id)?.isVerified == true)

        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        }
        _ = try await fixture.accounts.login(email: "asha@example.com", password: "brand new pass 9", clientAddress: "10.0.0.1")
        await #expect(throws: AccountError.invalidToken) {
            try await fixture.accounts.resetPassword(token: token, newPassword: "another pass 10")
        }
        try fixture.expectClean()
    }

    @Test("a reset link expires after an hour, and a newer one retires it")
    func resetExpires() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        try await fixture.accounts.requestPasswordReset(email: "asha@example.com")
        let expiring = try fixture.latestLinkToken()
        fixture.clock.advance(.seconds(3600))
        await #expect(throws: AccountError.invalidToken) {
            try await fixture.accounts.resetPassword(token: expiring, newPassword: "brand new pass 9")
        }
        try await fixture.accounts.requestPasswordReset(email: "asha@example.com")
        let older = try fixture.latestLinkToken()
        try await fixture.accounts.requestPasswordReset(email: "asha@example.com")
        await #expect(throws: AccountError.invalidToken) {
            try await fixture.accounts.resetPassword(token: older, newPassword: "brand new pass 9")
        }
        try await fixture.accounts.resetPassword(token: try fixture.latestLinkToken(), newPassword: "brand new pass 9")
    }

    @Test("names in e-mails are escaped in the HTML body")
    func escapesHTML() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com", first: "<script>x</script>")
        let message = try #require(try fixture.latestMessage())
        #expect(!message.htmlBody.contains("<script>"))
        #expect(message.htmlBody.contains("&lt;script&gt;"))
        #expect(message.textBody.contains("<script>x</script>"))
    }
}
