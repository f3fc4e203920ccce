import BMSCore
import BMSStore
import Foundation
import Testing

@Suite("Profiles, roles and the audit log")
struct ProfileTests {
    @Test("users change their own names and phone; no audit entry for their own changes")
    func selfUpdate() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        fixture.clock.advance(.seconds(10))
        let updated = try await fixture.accounts.updateProfile(
            asha.id, ProfileChanges(firstName: " Asha Devi ", phoneNumber: "(022) 555-0199"), by: asha
        )
        #expect(updated.firstName == "Asha Devi" && updated.lastName == "Rao" && updated.phoneNumber == "(022) 555-0199")
        #expect(updated.fullName == "Asha Devi Rao")
        #expect(updated.updatedAt == fixture.clock.now && updated.createdAt == asha.createdAt)
        #expect(try fixture.accounts.user(asha.id) == updated)
        #expect(try fixture.auditLog.entries(limit: 10, after: nil).isEmpty)
        try fixture.expectClean()
    }

    @Test("bad fields are named")
    func validates() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        let error = await accountError {
            _ = try await fixture.accounts.updateProfile(asha.id, ProfileChanges(firstName: "", lastName: "Ok", phoneNumber: "12ab"), by: asha)
        }
        #expect(fields(error) == ["firstName", "phoneNumber"])
    }

    @Test("non-admins may not touch others, nor role or verification, not even their own")
    func forbidsNonAdmins() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        let ravi = try await fixture.register("ravi@example.com", first: "Ravi").user
        await #expect(throws: AccountError.forbidden) {
            _ = try await fixture.accounts.updateProfile(ravi.id, ProfileChanges(firstName: "Hacked"), by: asha)
        }
        await #expect(throws: AccountError.forbidden) {
            _ = try await fixture.accounts.updateProfile(asha.id, ProfileChanges(role: "owner"), by: asha)
        }
        await #expect(throws: AccountError.forbidden) {
            _ = try await fixture.accounts.updateProfile(asha.id, ProfileChanges(isVerified: true), by: asha)
        }
        // Not even with an old copy of an admin: the service looks at the stored role.
        var forged = asha
        forged.role = .admin
        await #expect(throws: AccountError.forbidden) {
            _ = try await fixture.accounts.updateProfile(ravi.id, ProfileChanges(firstName: "Hacked"), by: forged)
        }
        #expect(try fixture.accounts.user(ravi.id) == ravi)
    }

    @Test("an admin changes role and verification of someone else, and the audit log lists the changed fields")
    func adminUpdateIsAudited() async throws {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        let asha = try await fixture.register("asha@example.com").user
        let updated = try await fixture.accounts.updateProfile(
            asha.id, ProfileChanges(lastName: "Rao", role: "owner", isVerified: true), by: admin
        )
        #expect(updated.role == .owner && updated.isVerified)
        let entry = try #require(try fixture.auditLog.entries(limit: 10, after: nil).first)
        #expect(entry.actor == admin.id && entry.target == asha.id && entry.action == "user.update")
        #expect(entry.changes == ["role": "seeker → owner", "isVerified": "false → true"])
        #expect(entry.at == fixture.clock.now)

        // Nothing changed, nothing written.
        _ = try await fixture.accounts.updateProfile(asha.id, ProfileChanges(role: "owner"), by: admin)
        #expect(try fixture.auditLog.entries(limit: 10, after: nil).count == 1)
        try fixture.expectClean()
    }

    @Test("an admin cannot change their own role; unknown users are not found")
    func adminLimits() async throws {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        let error = await accountError { _ = try await fixture.accounts.updateProfile(admin.id, ProfileChanges(role: "seeker"), by: admin) }
        #expect(fields(error) == ["role"])
        await #expect(throws: AccountError.notFound) {
            _ = try await fixture.accounts.updateProfile(UserID(ObjectID()), ProfileChanges(firstName: "X"), by: admin)
        }
    }

    @Test("suspension ends every session, blocks login and refresh, is audited, and can be lifted")
    func suspends() async throws {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        let first = try await fixture.register("asha@example.com")
        let second = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        let asha = first.user

        let suspended = try await fixture.accounts.setSuspended(asha.id, true, by: admin)
        #expect(suspended.isSuspended)
        #expect(try !fixture.accounts.isSessionActive(first.sessionID))
        #expect(try !fixture.accounts.isSessionActive(second.sessionID))
        await #expect(throws: AccountError.invalidToken) { _ = try await fixture.accounts.refresh(second.refreshToken) }
        await #expect(throws: AccountError.suspended) {
            _ = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.1")
        }
        // A wrong password does not learn about the suspension.
        await #expect(throws: AccountError.invalidCredentials) {
            _ = try await fixture.accounts.login(email: "asha@example.com", password: "wrong password 1", clientAddress: "10.0.0.1")
        }
        // A suspended user can no longer act, even on themselves.
        await #expect(throws: AccountError.forbidden) {
            _ = try await fixture.accounts.updateProfile(asha.id, ProfileChanges(firstName: "Still"), by: asha)
        }

        _ = try await fixture.accounts.setSuspended(asha.id, false, by: admin)
        _ = try await fixture.accounts.login(email: "asha@example.com", password: AccountsFixture.password, clientAddress: "10.0.0.2")
        let entries = try fixture.auditLog.entries(limit: 10, after: nil)
        #expect(entries.map(\.action) == ["user.suspend", "user.unsuspend"])
        #expect(entries.first?.changes == ["isSuspended": "false → true"])
        try fixture.expectClean()
    }

    @Test("only admins suspend, and not themselves")
    func suspensionRules() async throws {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        let asha = try await fixture.register("asha@example.com").user
        let ravi = try await fixture.register("ravi@example.com", first: "Ravi").user
        await #expect(throws: AccountError.forbidden) { _ = try await fixture.accounts.setSuspended(ravi.id, true, by: asha) }
        let error = await accountError { _ = try await fixture.accounts.setSuspended(admin.id, true, by: admin) }
        #expect(fields(error) == ["isSuspended"])
        await #expect(throws: AccountError.notFound) { _ = try await fixture.accounts.setSuspended(UserID(ObjectID()), true, by: admin) }
    }

    @Test("the audit log pages oldest first")
    func auditPaging() async throws {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        let asha = try await fixture.register("asha@example.com").user
        for name in ["One", "Two", "Three"] {
            _ = try await fixture.accounts.updateProfile(asha.id, ProfileChanges(firstName: name), by: admin)
        }
        let first = try fixture.auditLog.entries(limit: 2, after: nil)
        let rest = try fixture.auditLog.entries(limit: 2, after: first.last?.id)
        #expect((first + rest).map { $0.changes["firstName"] } == ["Asha → One", "One → Two", "Two → Three"])
    }
}
