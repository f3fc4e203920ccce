import BMSCore
import BMSStore
import Foundation
import StoreTestSupport
import Synchronization
import Testing

/// A clock the tests move by hand, so expiry is tested without sleeping.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(_ duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) }
    }
}

/// A fresh data file with the real schema, an account service on it with bcrypt cost 4 and a test clock,
/// and helpers for the common steps.
final class AccountsFixture {
    let directory = TemporaryDirectory()
    let store: Store
    let clock = TestClock()
    let accounts: AccountService
    let outbox: Outbox
    let auditLog: AuditLog
    let media: MediaLibrary

    static let publicURL = "http://127.0.0.1:8080"
    static let password = "correct horse 42"

    init(_ adjust: (inout AccountSettings) -> Void = { _ in }) throws {
        store = try Store.open(
            at: directory.path, options: StoreOptions(initialMapSize: 1 << 20, maximumMapSize: 1 << 32),
            schema: BookMySleepSchema.current
        )
        var settings = AccountSettings(publicURL: Self.publicURL, bcryptCost: 4, allowWeakHashing: true)
        adjust(&settings)
        let clock = clock
        accounts = try AccountService(store: store, settings: settings, now: { clock.now })
        outbox = try Outbox(store: store)
        auditLog = try AuditLog(store: store)
        media = try MediaLibrary(store: store)
    }

    deinit { store.close() }

    static func form(
        first: String = "Asha", last: String = "Rao", email: String, password: String = AccountsFixture.password,
        phone: String = "+91 98765 43210", role: String? = "seeker"
    ) -> RegistrationForm {
        RegistrationForm(firstName: first, lastName: last, email: email, password: password, phoneNumber: phone, role: role)
    }

    @discardableResult
    func register(
        _ email: String, first: String = "Asha", last: String = "Rao", role: String = "seeker"
    ) async throws -> IssuedSession {
        try await accounts.register(Self.form(first: first, last: last, email: email, role: role))
    }

    func makeAdmin(_ email: String = "admin@bookmysleep.example") async throws -> User {
        try await accounts.createAdmin(
            firstName: "Ada", lastName: "Admin", email: email, password: Self.password, phoneNumber: "+91 11 2345 6789"
        )
    }

    /// The newest outbox message, found by paging through the outbox as a delivery job would.
    func latestMessage() throws -> OutboxMessage? {
        var newest: OutboxMessage?
        while true {
            guard let last = try outbox.messages(limit: 100, after: newest?.id).last else { return newest }
            newest = last
        }
    }

    /// The token at the end of the newest outbox message's link.
    func latestLinkToken() throws -> String {
        let link = try #require(try latestMessage()?.link)
        return String(try #require(link.split(separator: "/").last))
    }

    /// Entries in the table behind each named collection, to prove that a refused operation wrote nothing.
    func recordCounts() throws -> [String: Int] {
        let names = ["users", "refresh-tokens", "one-time-tokens", "outbox", "audit"]
        return try Dictionary(
            uniqueKeysWithValues: names.map { name in
                let table = try store.table("records:\(name)", key: BytesCodec.self, value: BytesCodec.self)
                return (name, try store.read { txn in try table.count(txn) })
            }
        )
    }

    /// The reference count of each stored image, by digest, read straight from the "media-refs" table.
    func mediaReferences() throws -> [String: UInt64] {
        let table = try store.table("media-refs", key: BytesCodec.self, value: UInt64Codec.self)
        let entries = try store.read { txn in try table.entries(txn) }
        return Dictionary(uniqueKeysWithValues: entries.map { key, count in (key.map { String(format: "%02x", $0) }.joined(), count) })
    }

    /// Every index agrees with its records.
    func expectClean(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try store.check()
        #expect(report.isClean, "\(report.problems)", sourceLocation: sourceLocation)
    }
}

/// The error `body` throws, as an `E`; records an issue when it succeeds or throws something else.
func thrown<E: Error>(
    _ type: E.Type, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) async -> E? {
    do {
        try await body()
        Issue.record("expected \(E.self), got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as E {
        return error
    } catch {
        Issue.record("expected \(E.self), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The error `body` throws, as an `AccountError`.
func accountError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> AccountError? {
    await thrown(AccountError.self, body, sourceLocation: sourceLocation)
}

/// The field names of a validation error.
func fields(_ error: AccountError?) -> Set<String> {
    guard case .validation(let problems) = error else { return [] }
    return Set(problems.keys)
}
