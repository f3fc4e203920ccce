import BMSStore
import Foundation

extension AccountService {
    /// Checks the password and starts a session.
    ///
    /// An unknown e-mail and a wrong password both throw `.invalidCredentials` after the same bcrypt
    /// work. After `loginFailureLimit` failures for this e-mail from this client address within
    /// `loginFailureWindow`, attempts throw `.tooManyFailedLogins` until the oldest failure leaves the
    /// window; a success clears the count. A suspended account gets `.suspended`, but only with the right
    /// password, so suspension reveals nothing to someone guessing.
    public func login(email: String, password: String, clientAddress: String) async throws -> IssuedSession {
        let normalised = EmailAddress(email)
        let key = LoginThrottle.Key(
            email: normalised?.value ?? email.trimmedOfWhitespace.lowercased(),
            clientAddress: clientAddress
        )
        if let wait = throttle.retryAfter(key, now: now()) { throw AccountError.tooManyFailedLogins(retryAfter: wait) }

        let account = try normalised.flatMap { address in try store.read { txn in try users.find(txn, email: address) } }
        let matches = await hasher.verify(password, against: account?.passwordHash ?? hasher.dummyHash)
        guard let account, matches else {
            throttle.recordFailure(key, now: now())
            throw AccountError.invalidCredentials
        }
        throttle.recordSuccess(key)
        guard !account.isSuspended else { throw AccountError.suspended }
        let now = now()
        return try await store.write { [self] txn in try startSession(txn, for: account.id, now: now) }
    }
}
