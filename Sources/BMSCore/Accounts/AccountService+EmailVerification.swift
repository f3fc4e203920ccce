import BMSStore
import Foundation

extension AccountService {
    /// Marks the e-mail of the token's user verified. The link works once, within
    /// `verificationLinkLifetime`; anything else is `.invalidToken`.
    public func verifyEmail(token: String) async throws -> User {
        let now = now()
        return try await store.write { [self] txn in
            guard let link = try linkTokens.usable(txn, token, for: .verifyEmail, now: now),
                var user = try users.get(txn, link.user)
            else { throw AccountError.invalidToken }
            try linkTokens.markUsed(txn, link, now: now)
            if !user.isVerified {
                user.isVerified = true
                user.updatedAt = now
                try users.update(txn, user)
            }
            return user
        }
    }

    /// Sends a fresh verification link; earlier links stop working. An already verified address is a
    /// validation error on "email" rather than a silent success, so the user learns there is nothing to do.
    public func resendVerification(_ user: UserID) async throws {
        let now = now()
        let settings = settings
        try await store.write { [self] txn in
            guard let account = try users.get(txn, user) else { throw AccountError.notFound }
            guard !account.isSuspended else { throw AccountError.suspended }
            guard !account.isVerified else { throw AccountError.validation(["email": "is already verified"]) }
            let token = try linkTokens.issue(txn, .verifyEmail, for: user, now: now, lifetime: settings.verificationLinkLifetime)
            let link = AccountMail.verificationLink(publicURL: settings.publicURL, token: token)
            try outbox.enqueue(txn, AccountMail.verification(to: account, link: link, validFor: settings.verificationLinkLifetime, now: now))
        }
    }
}
