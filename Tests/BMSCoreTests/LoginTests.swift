import BMSCore
import Foundation
import Testing

@Suite("Login and its throttle")
struct LoginTests {
    @Test("the right password starts a new session; the e-mail may differ in case and spaces")
    func logsIn() async throws {
        let fixture = try AccountsFixture()
        let registered = try await fixture.register("asha@example.com")
        let session = try await fixture.accounts.login(email: " ASHA@example.com ", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        #expect(session.user.id == registered.user.id)
        #expect(session.sessionID != registered.sessionID && session.refreshToken != registered.refreshToken)
        #expect(try fixture.accounts.isSessionActive(session.sessionID))
        try fixture.expectClean()
    }

    @Test("an unknown e-mail and a wrong password get the same error")
    func sameErrorForUnknownAndWrong() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await fixture.accounts.login(email: "nobody@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        }
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await fixture.accounts.login(email: "asha@example.com", password: "wrong password 1", clientAddress: "10.0.0.1")
        }
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await fixture.accounts.login(email: "not an e-mail", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        }
    }

    @Test("five failures in 15 minutes lock this e-mail from this address until the oldest failure leaves the window")
    func locksOut() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        let accounts = fixture.accounts
        for _ in 0..<5 {
            await #expect(throws: AccountError.invalidCredentials) {
                _ = try await accounts.login(email: "asha@example.com", password: "wrong password 1", clientAddress: "10.0.0.1")
            }
            fixture.clock.advance(.seconds(60))
        }
        // The first failure was 5 minutes ago: 10 minutes to go, even with the right password.
        await #expect(throws: AccountError.tooManyFailedLogins(retryAfter: .seconds(600))) {
            _ = try await accounts.login(email: "Asha@Example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        }
        // Another client address, or another e-mail from this one, is not locked.
        _ = try await accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.2")
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await accounts.login(email: "other@example.com", password: "wrong password 1", clientAddress: "10.0.0.1")
        }

        fixture.clock.advance(.seconds(599))
        await #expect(throws: AccountError.tooManyFailedLogins(retryAfter: .seconds(1))) {
            _ = try await accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        }
        fixture.clock.advance(.seconds(1))
        _ = try await accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
    }

    @Test("a success clears the count of failures")
    func successClears() async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        let accounts = fixture.accounts
        func fail() async {
            await #expect(throws: AccountError.invalidCredentials) {
                _ = try await accounts.login(email: "asha@example.com", password: "wrong password 1", clientAddress: "10.0.0.1")
            }
        }
        for _ in 0..<4 { await fail() }
        _ = try await accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        for _ in 0..<4 { await fail() }
        _ = try await accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
    }

    @Test("unknown e-mails are throttled too, so the lock reveals nothing")
    func throttlesUnknownEmails() async throws {
        let fixture = try AccountsFixture { $0.loginFailureLimit = 2 }
        for _ in 0..<2 {
            await #expect(throws: AccountError.invalidCredentials) {
                _ = try await fixture.accounts.login(email: "ghost@example.com", password: "whatever 123", clientAddress: "10.0.0.1")
            }
        }
        await #expect(throws: AccountError.tooManyFailedLogins(retryAfter: .seconds(900))) {
            _ = try await fixture.accounts.login(email: "ghost@example.com", password: "whatever 123", clientAddress: "10.0.0.1")
        }
    }
}
