import BMSCore
import BMSStore
import Foundation
import Testing

@Suite("Refresh tokens and sessions")
struct SessionTests {
    @Test("refresh rotates the token within the same session; the old token is dead")
    func rotates() async throws {
        let fixture = try AccountsFixture()
        let first = try await fixture.register("asha@example.com")
        fixture.clock.advance(.seconds(3600))
        let second = try await fixture.accounts.refresh(first.refreshToken)
        #expect(second.sessionID == first.sessionID)
        #expect(second.refreshToken != first.refreshToken)
        #expect(second.refreshExpiresAt == fixture.clock.now.addingTimeInterval(30 * 24 * 3600))
        #expect(second.user.id == first.user.id)
        let third = try await fixture.accounts.refresh(second.refreshToken)
        #expect(third.sessionID == first.sessionID)
        try fixture.expectClean()
    }

    @Test("reusing a rotated token revokes its whole family, and only that family")
    func reuseRevokesFamily() async throws {
        let fixture = try AccountsFixture()
        let stolen = try await fixture.register("asha@example.com")
        let other = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        let current = try await fixture.accounts.refresh(stolen.refreshToken)

        await #expect(throws: AccountError.refreshTokenReused) { _ = try await fixture.accounts.refresh(stolen.refreshToken) }
        #expect(try !fixture.accounts.isSessionActive(stolen.sessionID))
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(current.refreshToken) }
        // Presenting it yet again: the family is already gone.
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(stolen.refreshToken) }

        #expect(try fixture.accounts.isSessionActive(other.sessionID))
        _ = try await fixture.accounts.refresh(other.refreshToken)
        try fixture.expectClean()
    }

    @Test("refresh tokens expire after their lifetime")
    func expires() async throws {
        let fixture = try AccountsFixture()
        let session = try await fixture.register("asha@example.com")
        fixture.clock.advance(.seconds(30 * 24 * 3600))
        #expect(try !fixture.accounts.isSessionActive(session.sessionID))
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(session.refreshToken) }
    }

    @Test("junk and unknown tokens are invalid", arguments: ["", "x", String(repeating: "A", count: 43), String(repeating: "é", count: 43)])
    func junk(token: String) async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(token) }
        try await fixture.accounts.logout(token)
    }

    @Test("logout ends that session only; unknown tokens are no error")
    func logout() async throws {
        let fixture = try AccountsFixture()
        let first = try await fixture.register("asha@example.com")
        let second = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        let rotated = try await fixture.accounts.refresh(first.refreshToken)
        // Logging out with an older token of the family ends the family all the same.
        try await fixture.accounts.logout(first.refreshToken)
        #expect(try !fixture.accounts.isSessionActive(first.sessionID))
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(rotated.refreshToken) }
        #expect(try fixture.accounts.isSessionActive(second.sessionID))
        try await fixture.accounts.logout(first.refreshToken)
        try fixture.expectClean()
    }

    @Test("log out everywhere ends every session of the user and no one else's")
    func logoutEverywhere() async throws {
        let fixture = try AccountsFixture()
        let first = try await fixture.register("asha@example.com")
        let second = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        let someoneElse = try await fixture.register("ravi@example.com", first: "Ravi")
        try await fixture.accounts.logoutEverywhere(first.user.id)
        #expect(try !fixture.accounts.isSessionActive(first.sessionID))
        #expect(try !fixture.accounts.isSessionActive(second.sessionID))
        #expect(try fixture.accounts.isSessionActive(someoneElse.sessionID))
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(second.refreshToken) }
        try fixture.expectClean()
    }

    @Test("an unknown session id is not active")
    func unknownSession() throws {
        let fixture = try AccountsFixture()
        #expect(try !fixture.accounts.isSessionActive(ObjectID()))
    }

    @Test("the data file holds refresh tokens only as hashes")
    func storesHashesOnly() async throws {
        let fixture = try AccountsFixture()
        let session = try await fixture.register("asha@example.com")
        let rotated = try await fixture.accounts.refresh(session.refreshToken)
        let file = try Data(contentsOf: URL(fileURLWithPath: fixture.directory.file("data.mdb")))
        for token in [session.refreshToken, rotated.refreshToken] {
            #expect(file.range(of: Data(token.utf8)) == nil)
        }
    }
}
