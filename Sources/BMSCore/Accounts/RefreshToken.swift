import BMSStore
import Foundation

/// One refresh token of a session. A login starts a family (the session); every refresh rotates the
/// presented token and adds its successor to the same family, so a stolen token that is used after its
/// owner refreshed shows up as a reuse and the whole family can be revoked.
struct RefreshToken: Record {
    enum State: UInt8 {
        /// The family's current token.
        case active = 1
        /// Exchanged for a successor; presenting it again is a reuse.
        case rotated = 2
        /// Ended by logout, reuse, password reset or suspension.
        case revoked = 3
    }

    static let collectionName = "refresh-tokens"
    static let indexes: [RecordIndex<RefreshToken>] = [
        .unique("hash") { [.bytes($0.tokenHash)] },
        .secondary("family") { [.id($0.family)] },
        .secondary("user") { [.id($0.user.objectID)] },
        // Sparse: only a family's current token, so checking a session reads one entry, however many
        // times the session was refreshed.
        .secondary("active") { $0.state == .active ? [.id($0.family)] : nil },
    ]

    private static let formatVersion: UInt8 = 1

    var id: ObjectID
    /// SHA-256 of the token text.
    var tokenHash: [UInt8]
    /// The session: the id of the family's first token.
    var family: ObjectID
    var user: UserID
    var state: State
    var createdAt: Date
    var expiresAt: Date

    func isUsable(at now: Date) -> Bool { state == .active && now < expiresAt }

    init(id: ObjectID, tokenHash: [UInt8], family: ObjectID, user: UserID, state: State, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.tokenHash = tokenHash
        self.family = family
        self.user = user
        self.state = state
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    func encode(to writer: inout RecordWriter) {
        writer.write(Self.formatVersion)
        writer.write(id)
        writer.write(tokenHash)
        writer.write(family)
        writer.write(user.objectID)
        writer.write(state.rawValue)
        writer.write(createdAt)
        writer.write(expiresAt)
    }

    init(from reader: inout RecordReader) throws {
        try reader.expectFormat(Self.formatVersion, of: Self.collectionName)
        id = try reader.readObjectID()
        tokenHash = try reader.readBytes()
        family = try reader.readObjectID()
        user = UserID(try reader.readObjectID())
        guard let state = State(rawValue: try reader.readUInt8()) else {
            throw StoreError.corrupt(table: Self.collectionName, reason: "unknown token state")
        }
        self.state = state
        createdAt = try reader.readDate()
        expiresAt = try reader.readDate()
    }
}
