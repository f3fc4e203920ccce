import BMSStore
import Foundation

/// The accounts domain: registration, login and sessions, e-mail verification, password reset, profiles,
/// avatars and the admin's user directory. Every change is written with everything it implies (tokens,
/// outbox messages, audit entries, image references) in one store transaction; bcrypt always runs
/// before that transaction, never inside it, because the store has a single writer.
public struct AccountService: Sendable {
    let store: Store
    let settings: AccountSettings
    private let clock: @Sendable () -> Date
    let users: UserRepository
    let sessions: SessionRepository
    let linkTokens: LinkTokenRepository
    let outbox: Outbox
    let auditLog: AuditLog
    let media: MediaLibrary
    let hasher: PasswordHasher
    let throttle: LoginThrottle

    /// - Parameters:
    ///   - store: a store opened with `BookMySleepSchema.current`.
    ///   - settings: refused with `AccountSettingsError` when unsafe (bcrypt cost below 12 without
    ///     `allowWeakHashing`) or meaningless.
    ///   - now: the clock; tests pass their own to move time.
    ///
    /// Computes one bcrypt hash (the stand-in for unknown e-mails at login), about a quarter of a second
    /// at cost 12.
    public init(store: Store, settings: AccountSettings, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.store = store
        self.settings = try settings.validated()
        clock = now
        users = try UserRepository(store: store)
        sessions = try SessionRepository(store: store)
        linkTokens = try LinkTokenRepository(store: store)
        outbox = try Outbox(store: store)
        auditLog = try AuditLog(store: store)
        media = try MediaLibrary(store: store)
        hasher = PasswordHasher(cost: settings.bcryptCost)
        throttle = LoginThrottle(limit: settings.loginFailureLimit, window: settings.loginFailureWindow)
    }

    /// The current time at the store's precision.
    func now() -> Date { clock().truncatedToMicroseconds }

    public func user(_ id: UserID) throws -> User? {
        try store.read { txn in try users.get(txn, id) }
    }

    /// Loads `actor` as stored now, so that decisions rest on the current role and suspension rather
    /// than on a copy the caller loaded earlier. A missing or suspended actor may do nothing.
    func currentActor(_ txn: some Transaction, _ actor: User) throws -> User {
        guard let current = try users.active(txn, actor) else { throw AccountError.forbidden }
        return current
    }

    /// `currentActor`, required to be an admin.
    func currentAdmin(_ txn: some Transaction, _ admin: User) throws -> User {
        let current = try currentActor(txn, admin)
        guard current.role == .admin else { throw AccountError.forbidden }
        return current
    }

    /// Issues a session for `user`, who must exist and not be suspended at the time of writing.
    func startSession(_ txn: WriteTransaction, for id: UserID, now: Date) throws -> IssuedSession {
        guard let user = try users.get(txn, id) else { throw AccountError.invalidCredentials }
        guard !user.isSuspended else { throw AccountError.suspended }
        let (token, record) = try sessions.start(txn, user: id, now: now, lifetime: settings.refreshTokenLifetime)
        return IssuedSession(user: user, refreshToken: token.text, refreshExpiresAt: record.expiresAt, sessionID: record.family)
    }

    /// Writes an audit entry when `actor` changed someone else's account.
    func audit(_ txn: WriteTransaction, actor: User, action: String, target: User, changes: [String: String], now: Date) throws {
        guard actor.id != target.id, !changes.isEmpty else { return }
        try auditLog.append(
            txn, AuditEntry(id: ObjectID(time: now), actor: actor.id, action: action, target: target.id, changes: changes, at: now)
        )
    }
}
