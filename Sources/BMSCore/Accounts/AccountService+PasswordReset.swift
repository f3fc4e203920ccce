import BMSStore
import Foundation

extension AccountService {
    /// Queues a reset link for the account of `email`, if there is one that is not suspended. Returns the
    /// same way whether or not there is, so the answer reveals nothing; only a malformed address is a
    /// validation error.
    public func requestPasswordReset(email: String) async throws {
        guard let address = EmailAddress(email) else {
            throw AccountError.validation(["email": "must be a valid e-mail address"])
        }
        let now = now()
        let settings = settings
        try await store.write { [self] txn in
            guard let user = try users.find(txn, email: address), !user.isSuspended else { return }
            let token = try linkTokens.issue(txn, .resetPassword, for: user.id, now: now, lifetime: settings.resetLinkLifetime)
            let link = AccountMail.resetLink(publicURL: settings.publicURL, token: token)
            try outbox.enqueue(txn, AccountMail.passwordReset(to: user, link: link, validFor: settings.resetLinkLifetime, now: now))
        }
    }

    /// Sets a new password with a reset link (once, within `resetLinkLifetime`) and ends every session
    /// of the account. Opening the link proves the mailbox is the user's, so the address counts as
    /// verified too.
    ///
    /// Throws `.invalidToken` for a bad link and `.validation(["password": …])` for a weak password; the
    /// link stays usable after the latter.
    public func resetPassword(token: String, newPassword: String) async throws {
        let checkedAt = now()
        let holder = try store.read { txn -> User? in
            guard let link = try linkTokens.usable(txn, token, for: .resetPassword, now: checkedAt) else { return nil }
            return try users.get(txn, link.user)
        }
        guard let holder, !holder.isSuspended else { throw AccountError.invalidToken }
        if let problem = PasswordPolicy.problem(with: newPassword, email: holder.email) {
            throw AccountError.validation(["password": problem])
        }
        let passwordHash = await hasher.hash(newPassword)
        let now = now()
        try await store.write { [self] txn in
            // Checked again: the link may have been used or expired while bcrypt ran.
            guard let link = try linkTokens.usable(txn, token, for: .resetPassword, now: now), link.user == holder.id,
                var user = try users.get(txn, link.user), !user.isSuspended
            else { throw AccountError.invalidToken }
            try linkTokens.markUsed(txn, link, now: now)
            user.passwordHash = passwordHash
            user.isVerified = true
            user.updatedAt = now
            try users.update(txn, user)
            try sessions.revokeAll(txn, user: user.id)
        }
    }
}
