import BMSStore
import Foundation

/// The one-time tokens behind e-mail links, inside a transaction the caller holds.
struct LinkTokenRepository: Sendable {
    private let tokens: RecordCollection<OneTimeToken>

    init(store: Store) throws { tokens = try RecordCollection(in: store) }

    /// Issues a new token for `purpose`, retiring the user's earlier unused ones for the same purpose:
    /// only the latest link works.
    func issue(
        _ txn: WriteTransaction, _ purpose: OneTimeToken.Purpose, for user: UserID, now: Date, lifetime: Duration
    ) throws -> SecretToken {
        try retire(txn, purpose, for: user, now: now)
        let token = SecretToken()
        try tokens.insert(
            txn,
            OneTimeToken(
                id: ObjectID(time: now), tokenHash: token.hash, purpose: purpose, user: user, createdAt: now,
                expiresAt: now.adding(lifetime).truncatedToMicroseconds
            )
        )
        return token
    }

    /// The usable token for `purpose` that `text` names, or nil (unknown, expired, used or for
    /// another purpose).
    func usable(_ txn: some Transaction, _ text: String, for purpose: OneTimeToken.Purpose, now: Date) throws -> OneTimeToken? {
        guard let hash = SecretToken.storedHash(ofPresented: text),
            let token = try tokens.find(txn, unique: "hash", [.bytes(hash)]), token.isUsable(for: purpose, at: now)
        else { return nil }
        return token
    }

    func markUsed(_ txn: WriteTransaction, _ token: OneTimeToken, now: Date) throws {
        var used = token
        used.usedAt = now
        try tokens.update(txn, used)
    }

    /// Marks every unused token of `user` for `purpose` as used.
    func retire(_ txn: WriteTransaction, _ purpose: OneTimeToken.Purpose, for user: UserID, now: Date) throws {
        let ids = try tokens.ids(txn, index: "user", .prefix([.id(user.objectID), .int(Int64(purpose.rawValue))]))
        for id in ids {
            if let token = try tokens.get(txn, id), token.usedAt == nil { try markUsed(txn, token, now: now) }
        }
    }
}
