import BMSStore
import Foundation

extension AccountService {
    /// Exchanges a refresh token for a new one in the same family (session); the presented one is dead
    /// from then on.
    ///
    /// Presenting a token that was already exchanged means someone holds a copy: the whole family is
    /// revoked and `.refreshTokenReused` thrown. Unknown, expired and revoked tokens are `.invalidToken`;
    /// a suspended user's are `.suspended`.
    public func refresh(_ refreshToken: String) async throws -> IssuedSession {
        guard let hash = SecretToken.storedHash(ofPresented: refreshToken) else { throw AccountError.invalidToken }
        let now = now()
        let lifetime = settings.refreshTokenLifetime
        // The revocation on reuse must commit, so the transaction returns the verdict instead of throwing it.
        let outcome: RefreshOutcome = try await store.write { [self] txn in
            guard let presented = try sessions.find(txn, hash: hash) else { return .refused(.invalidToken) }
            switch presented.state {
            case .revoked:
                return .refused(.invalidToken)
            case .rotated:
                try sessions.revoke(txn, family: presented.family)
                return .refused(.refreshTokenReused)
            case .active:
                guard presented.isUsable(at: now), let user = try users.get(txn, presented.user) else {
                    return .refused(.invalidToken)
                }
                guard !user.isSuspended else {
                    try sessions.revoke(txn, family: presented.family)
                    return .refused(.suspended)
                }
                try sessions.markRotated(txn, presented)
                let (token, record) = try sessions.continueFamily(txn, of: presented, now: now, lifetime: lifetime)
                return .issued(
                    IssuedSession(user: user, refreshToken: token.text, refreshExpiresAt: record.expiresAt, sessionID: record.family)
                )
            }
        }
        switch outcome {
        case .issued(let session): return session
        case .refused(let error): throw error
        }
    }

    /// Ends the session `refreshToken` belongs to. An unknown token is not an error: the caller wanted
    /// it gone, and it is.
    public func logout(_ refreshToken: String) async throws {
        guard let hash = SecretToken.storedHash(ofPresented: refreshToken) else { return }
        try await store.write { [sessions] txn in
            if let token = try sessions.find(txn, hash: hash) { try sessions.revoke(txn, family: token.family) }
        }
    }

    /// Ends the session (token family) `sessionID`: the browser's logout, which has the access token's
    /// session claim but not the refresh token (its cookie is sent only to `/api/auth`).
    public func endSession(_ sessionID: ObjectID) async throws {
        try await store.write { [sessions] txn in try sessions.revoke(txn, family: sessionID) }
    }

    /// Ends every session of `user`.
    public func logoutEverywhere(_ user: UserID) async throws {
        try await store.write { [sessions] txn in try sessions.revokeAll(txn, user: user) }
    }

    /// Whether the session (token family) can still be refreshed; the HTTP layer checks it for the
    /// session claim of access tokens, so logout and suspension end them at once.
    public func isSessionActive(_ sessionID: ObjectID) throws -> Bool {
        let now = now()
        return try store.read { txn in try sessions.isActive(txn, family: sessionID, now: now) }
    }
}

/// What a refresh transaction decided.
private enum RefreshOutcome: Sendable {
    case issued(IssuedSession)
    case refused(AccountError)
}
