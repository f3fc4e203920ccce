import BMSStore
import Foundation

extension AccountService {
    /// Creates a seeker or owner account, queues the verification e-mail and starts a session, all in one
    /// transaction.
    ///
    /// Throws `AccountError.validation` naming every bad field, or `.emailTaken` when the (normalised)
    /// e-mail already has an account; in both cases nothing is written.
    public func register(_ form: RegistrationForm) async throws -> IssuedSession {
        let account = try NewAccount.validate(form, allowedRoles: Role.selfService)
        let settings = settings
        return try await create(account, verified: false) { [self] txn, user, now in
            let token = try linkTokens.issue(txn, .verifyEmail, for: user.id, now: now, lifetime: settings.verificationLinkLifetime)
            let link = AccountMail.verificationLink(publicURL: settings.publicURL, token: token)
            try outbox.enqueue(txn, AccountMail.verification(to: user, link: link, validFor: settings.verificationLinkLifetime, now: now))
            return try startSession(txn, for: user.id, now: now)
        }
    }

    /// Creates a verified admin account for `bms admin create`, with the same validation as registration.
    public func createAdmin(
        firstName: String, lastName: String, email: String, password: String, phoneNumber: String
    ) async throws -> User {
        let form = RegistrationForm(
            firstName: firstName, lastName: lastName, email: email, password: password, phoneNumber: phoneNumber,
            role: Role.admin.rawValue
        )
        let account = try NewAccount.validate(form, allowedRoles: [.admin])
        return try await create(account, verified: true) { _, user, _ in user }
    }

    /// Hashes the password (before the transaction: bcrypt is slow and the store has one writer), then
    /// inserts the user and whatever `alsoWrite` adds in one transaction.
    private func create<T: Sendable>(
        _ account: NewAccount, verified: Bool,
        alsoWrite: @escaping @Sendable (WriteTransaction, User, Date) throws -> T
    ) async throws -> T {
        // A quick look spares bcrypt's time for a taken e-mail; the unique index decides for real.
        if try store.read({ txn in try users.find(txn, email: account.email) }) != nil { throw AccountError.emailTaken }
        let passwordHash = await hasher.hash(account.password)
        let now = now()
        let user = User(
            id: UserID(ObjectID(time: now)), firstName: account.firstName, lastName: account.lastName,
            email: account.email, phoneNumber: account.phoneNumber, role: account.role, isVerified: verified,
            isSuspended: false, avatar: nil, createdAt: now, updatedAt: now, passwordHash: passwordHash
        )
        return try await store.write { [users] txn in
            try users.insert(txn, user)
            return try alsoWrite(txn, user, now)
        }
    }
}
