import BMSCore
import BMSStore
import Foundation
import StoreTestSupport
import Testing

@Suite("Registration")
struct RegistrationTests {
    @Test("a seeker registers: normalised e-mail, unverified, a session, and a verification e-mail in the outbox")
    func registers() async throws {
        let fixture = try AccountsFixture()
        let session = try await fixture.accounts.register(
            AccountsFixture.form(first: "  Asha ", email: "  Asha.Rao@Example.COM ", role: "owner")
        )
        #expect(session.user.email.value == "asha.rao@example.com")
        #expect(session.user.firstName == "Asha")
        #expect(session.user.role == .owner)
        #expect(!session.user.isVerified && !session.user.isSuspended)
        #expect(session.refreshExpiresAt == fixture.clock.now.addingTimeInterval(30 * 24 * 3600))
        #expect(try fixture.accounts.isSessionActive(session.sessionID))
        #expect(try fixture.accounts.user(session.user.id) == session.user)

        let message = try #require(try fixture.latestMessage())
        #expect(message.recipient == session.user.email)
        #expect(message.status == .queued && message.attempts == 0)
        let link = try #require(message.link)
        #expect(link.hasPrefix("http://127.0.0.1:8080/verify-email/"))
        #expect(message.textBody.contains(link) && message.htmlBody.contains(link))
        try fixture.expectClean()
    }

    @Test("every bad field is named in one validation error, and nothing is written")
    func namesEveryBadField() async throws {
        let fixture = try AccountsFixture()
        let error = await accountError {
            _ = try await fixture.accounts.register(
                RegistrationForm(
                    firstName: " ", lastName: String(repeating: "x", count: 81), email: "not-an-email",
                    password: "short", phoneNumber: "call me", role: "landlord")
            )
        }
        #expect(fields(error) == ["firstName", "lastName", "email", "password", "phoneNumber", "role"])

        let missing = await accountError { _ = try await fixture.accounts.register(RegistrationForm()) }
        guard case .validation(let problems) = missing else {
            Issue.record("expected validation")
            return
        }
        #expect(problems.count == 6 && problems.values.allSatisfy { $0 == "is required" })
        #expect(try fixture.recordCounts().values.allSatisfy { $0 == 0 })
    }

    @Test("admin cannot be chosen at registration")
    func refusesAdmin() async throws {
        let fixture = try AccountsFixture()
        let error = await accountError { try await fixture.register("asha@example.com", role: "admin") }
        #expect(fields(error) == ["role"])
    }

    @Test(
        "a duplicate e-mail, in any case or with spaces, is emailTaken and writes nothing",
        arguments: [
            "asha@example.com", "ASHA@example.com", "  Asha@Example.Com\t",
        ])
    func duplicateEmail(variant: String) async throws {
        let fixture = try AccountsFixture()
        try await fixture.register("asha@example.com")
        let before = try fixture.recordCounts()
        await #expect(throws: AccountError.emailTaken) {
            try await fixture.register(variant, first: "Other")
        }
        #expect(try fixture.recordCounts() == before)
        try fixture.expectClean()
    }

    @Test("of ten simultaneous registrations with one e-mail, exactly one succeeds")
    func concurrentDuplicates() async throws {
        let fixture = try AccountsFixture()
        let accounts = fixture.accounts
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<10 {
                group.addTask {
                    do {
                        _ = try await accounts.register(
                            AccountsFixture.form(email: index.isMultiple(of: 2) ? "same@example.com" : "SAME@example.com"))
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try fixture.recordCounts()["users"] == 1)
        try fixture.expectClean()
    }

    @Test("bms admin create makes a verified admin with the same validation")
    func createsAdmin() async throws {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        #expect(admin.role == .admin && admin.isVerified)
        #expect(try fixture.latestMessage() == nil)
        await #expect(throws: AccountError.emailTaken) { _ = try await fixture.makeAdmin("ADMIN@bookmysleep.example") }
        let error = await accountError {
            _ = try await fixture.accounts.createAdmin(firstName: "", lastName: "A", email: "x@y.io", password: "1234567890", phoneNumber: "12")
        }
        #expect(fields(error) == ["firstName", "password", "phoneNumber"])
    }

    @Test("a bcrypt cost below 12 needs allowWeakHashing, and must lie within bcrypt's 4…31")
    func refusesWeakHashing() throws {
        let directory = StoreTestSupport.TemporaryDirectory()
        let store = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: BookMySleepSchema.current)
        defer { store.close() }
        #expect(throws: AccountSettingsError.weakBcryptCost(10)) {
            try AccountService(store: store, settings: AccountSettings(publicURL: "http://x", bcryptCost: 10))
        }
        #expect(throws: AccountSettingsError.bcryptCostOutOfRange(3)) {
            try AccountService(store: store, settings: AccountSettings(publicURL: "http://x", bcryptCost: 3, allowWeakHashing: true))
        }
    }
}
