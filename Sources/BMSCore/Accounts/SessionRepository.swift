import BMSStore
import Foundation

/// Refresh tokens grouped into families (sessions), inside a transaction the caller holds.
struct SessionRepository: Sendable {
    private let tokens: RecordCollection<RefreshToken>

    init(store: Store) throws { tokens = try RecordCollection(in: store) }

    /// Starts a new family for `user` and returns its first token.
    func start(_ txn: WriteTransaction, user: UserID, now: Date, lifetime: Duration) throws -> (token: SecretToken, record: RefreshToken) {
        let id = ObjectID(time: now)
        return try issue(txn, family: id, id: id, user: user, now: now, lifetime: lifetime)
    }

    /// Adds the successor of a rotated token to its family.
    func continueFamily(_ txn: WriteTransaction, of previous: RefreshToken, now: Date, lifetime: Duration) throws -> (
        token: SecretToken, record: RefreshToken
    ) {
        try issue(txn, family: previous.family, id: ObjectID(time: now), user: previous.user, now: now, lifetime: lifetime)
    }

    private func issue(
        _ txn: WriteTransaction, family: ObjectID, id: ObjectID, user: UserID, now: Date, lifetime: Duration
    ) throws -> (token: SecretToken, record: RefreshToken) {
        let token = SecretToken()
        let record = RefreshToken(
            id: id, tokenHash: token.hash, family: family, user: user, state: .active, createdAt: now,
            expiresAt: now.adding(lifetime).truncatedToMicroseconds
        )
        try tokens.insert(txn, record)
        return (token, record)
    }

    func find(_ txn: some Transaction, hash: [UInt8]) throws -> RefreshToken? {
        try tokens.find(txn, unique: "hash", [.bytes(hash)])
    }

    func markRotated(_ txn: WriteTransaction, _ token: RefreshToken) throws {
        var rotated = token
        rotated.state = .rotated
        try tokens.update(txn, rotated)
    }

    /// Whether the family still has a usable token.
    func isActive(_ txn: some Transaction, family: ObjectID, now: Date) throws -> Bool {
        try tokens.ids(txn, index: "active", .prefix([.id(family)]))
            .contains { try tokens.get(txn, $0)?.isUsable(at: now) == true }
    }

    /// Revokes every token of `family`.
    func revoke(_ txn: WriteTransaction, family: ObjectID) throws {
        try revoke(txn, try members(txn, family: family))
    }

    /// Revokes every token of every family of `user`.
    func revokeAll(_ txn: WriteTransaction, user: UserID) throws {
        let ids = try tokens.ids(txn, index: "user", .prefix([.id(user.objectID)]))
        try revoke(txn, try ids.compactMap { try tokens.get(txn, $0) })
    }

    private func members(_ txn: some Transaction, family: ObjectID) throws -> [RefreshToken] {
        try tokens.ids(txn, index: "family", .prefix([.id(family)])).compactMap { try tokens.get(txn, $0) }
    }

    private func revoke(_ txn: WriteTransaction, _ members: [RefreshToken]) throws {
        for var token in members where token.state != .revoked {
            token.state = .revoked
            try tokens.update(txn, token)
        }
    }
}
