import BMSCore
import BMSStore
import Foundation
import Testing

@Suite("The admin's user directory")
struct DirectoryTests {
    /// An admin and six users made one minute apart, newest last: José (owner, verified), Zoë, Asha
    /// (owner), Ravi (suspended), Ñúñez, and Asha Kumar.
    static func populated() async throws -> (AccountsFixture, User) {
        let fixture = try AccountsFixture()
        let admin = try await fixture.makeAdmin()
        let people: [(String, String, String, String)] = [
            ("José", "García", "jose.garcia@example.com", "owner"),
            ("Zoë", "Smith", "zsmith@example.org", "seeker"),
            ("Asha", "Rao", "asha.rao@example.com", "owner"),
            ("Ravi", "Menon", "ravi@example.in", "seeker"),
            ("Pilar", "Ñúñez", "pilar@example.es", "seeker"),
            ("Asha", "Kumar", "akumar@example.com", "seeker"),
        ]
        for (first, last, email, role) in people {
            fixture.clock.advance(.seconds(60))
            try await fixture.register(email, first: first, last: last, role: role)
        }
        let jose = try #require(try fixture.accounts.listUsers(query(search: "jose"), by: admin).users.first)
        _ = try await fixture.accounts.updateProfile(jose.id, ProfileChanges(isVerified: true), by: admin)
        let ravi = try #require(try fixture.accounts.listUsers(query(search: "ravi"), by: admin).users.first)
        _ = try await fixture.accounts.setSuspended(ravi.id, true, by: admin)
        return (fixture, admin)
    }

    static func query(
        role: Role? = nil, verified: Bool? = nil, suspended: Bool? = nil, search: String? = nil, limit: Int = 20
    ) -> UserQuery {
        var query = UserQuery()
        query.role = role
        query.isVerified = verified
        query.isSuspended = suspended
        query.search = search
        query.limit = limit
        return query
    }

    static func firstNames(_ page: UserPage) -> [String] { page.users.map(\.firstName) }

    @Test("everyone, newest first, with the total")
    func lists() async throws {
        let (fixture, admin) = try await Self.populated()
        let page = try fixture.accounts.listUsers(Self.query(), by: admin)
        #expect(Self.firstNames(page) == ["Asha", "Pilar", "Ravi", "Asha", "Zoë", "José", "Ada"])
        #expect(page.total == 7 && page.nextCursor == nil)
        try fixture.expectClean()
    }

    @Test("filters by role, verification and suspension, alone and together")
    func filters() async throws {
        let (fixture, admin) = try await Self.populated()
        let accounts = fixture.accounts
        #expect(Self.firstNames(try accounts.listUsers(Self.query(role: .owner), by: admin)) == ["Asha", "José"])
        #expect(Self.firstNames(try accounts.listUsers(Self.query(role: .admin), by: admin)) == ["Ada"])
        #expect(Self.firstNames(try accounts.listUsers(Self.query(verified: true), by: admin)) == ["José", "Ada"])
        #expect(Self.firstNames(try accounts.listUsers(Self.query(suspended: true), by: admin)) == ["Ravi"])
        #expect(Self.firstNames(try accounts.listUsers(Self.query(role: .seeker, suspended: false), by: admin)) == ["Asha", "Pilar", "Zoë"])
        #expect(Self.firstNames(try accounts.listUsers(Self.query(role: .owner, verified: false), by: admin)) == ["Asha"])
        #expect(try accounts.listUsers(Self.query(role: .seeker, verified: true), by: admin).total == 0)
    }

    @Test("prefix search ignores case and accents, covers names, the e-mail and its local part; every word must match")
    func searches() async throws {
        let (fixture, admin) = try await Self.populated()
        func names(_ search: String, role: Role? = nil) throws -> [String] {
            try fixture.accounts.listUsers(Self.query(role: role, search: search), by: admin).users.map(\.fullName)
        }
        #expect(try names("JOSE") == ["José García"])
        #expect(try names("garc") == ["José García"])
        #expect(try names("nun") == ["Pilar Ñúñez"])
        #expect(try names("zoe") == ["Zoë Smith"])
        #expect(try names("Zoë") == ["Zoë Smith"])
        #expect(try names("asha") == ["Asha Kumar", "Asha Rao"])
        #expect(try names("asha ra") == ["Asha Rao"])
        #expect(try names("asha", role: .owner) == ["Asha Rao"])
        #expect(try names("akumar@") == ["Asha Kumar"])
        #expect(try names("zsmith") == ["Zoë Smith"])
        #expect(try names("ravi@example.in") == ["Ravi Menon"])
        #expect(try names("example.com").isEmpty)  // a prefix, not a substring search
        #expect(try names("nobody").isEmpty)
        #expect(try names("   ").count == 7)  // blank search: everyone
    }

    @Test("cursor paging walks every match once, with the total on each page")
    func pages() async throws {
        let (fixture, admin) = try await Self.populated()
        for search in [nil, "a"] as [String?] {
            let everyone = try fixture.accounts.listUsers(Self.query(search: search, limit: 100), by: admin)
            var query = Self.query(search: search, limit: 2)
            var seen: [UserID] = []
            var pages = 0
            while true {
                let page = try fixture.accounts.listUsers(query, by: admin)
                #expect(page.total == everyone.total)
                #expect(page.users.count <= 2)
                seen += page.users.map(\.id)
                pages += 1
                guard let next = page.nextCursor else { break }
                query.cursor = next
            }
            #expect(seen == everyone.users.map(\.id))
            #expect(pages == (everyone.total + 1) / 2)
        }
    }

    @Test("a foreign cursor is a validation error; limits are capped at 100")
    func badCursor() async throws {
        let (fixture, admin) = try await Self.populated()
        var query = Self.query()
        query.cursor = "not-a-cursor"
        let error = await accountError { _ = try fixture.accounts.listUsers(query, by: admin) }
        #expect(fields(error) == ["cursor"])
        #expect(try fixture.accounts.listUsers(Self.query(limit: 1000), by: admin).users.count == 7)
        #expect(try fixture.accounts.listUsers(Self.query(limit: 0), by: admin).users.count == 1)
    }

    @Test("only admins may list users")
    func adminsOnly() async throws {
        let fixture = try AccountsFixture()
        let asha = try await fixture.register("asha@example.com").user
        #expect(throws: AccountError.forbidden) { _ = try fixture.accounts.listUsers(UserQuery(), by: asha) }
    }

    @Test("the search index follows profile changes")
    func followsChanges() async throws {
        let (fixture, admin) = try await Self.populated()
        let zoe = try #require(try fixture.accounts.listUsers(Self.query(search: "zoe"), by: admin).users.first)
        _ = try await fixture.accounts.updateProfile(zoe.id, ProfileChanges(firstName: "Chloé"), by: admin)
        #expect(try fixture.accounts.listUsers(Self.query(search: "zoe"), by: admin).total == 0)
        #expect(try fixture.accounts.listUsers(Self.query(search: "chloe smi"), by: admin).users.map(\.id) == [zoe.id])
        try fixture.expectClean()
    }
}
