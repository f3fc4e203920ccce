import BMSStore
import Foundation

/// The token behind an e-mail link (verify the address, reset the password): stored as a hash, valid
/// until `expiresAt`, and good for one use.
struct OneTimeToken: Record {
    enum Purpose: UInt8 {
        case verifyEmail = 1
        case resetPassword = 2
    }

    static let collectionName = "one-time-tokens"
    static let indexes: [RecordIndex<OneTimeToken>] = [
        .unique("hash") { [.bytes($0.tokenHash)] },
        .secondary("user") { [.id($0.user.objectID), .int(Int64($0.purpose.rawValue))] },
    ]

    private static let formatVersion: UInt8 = 1

    var id: ObjectID
    var tokenHash: [UInt8]
    var purpose: Purpose
    var user: UserID
    var createdAt: Date
    var expiresAt: Date
    var usedAt: Date?

    func isUsable(for purpose: Purpose, at now: Date) -> Bool {
        self.purpose == purpose && usedAt == nil && now < expiresAt
    }

    init(id: ObjectID, tokenHash: [UInt8], purpose: Purpose, user: UserID, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.tokenHash = tokenHash
        self.purpose = purpose
        self.user = user
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    func encode(to writer: inout RecordWriter) {
        writer.write(Self.formatVersion)
        writer.write(id)
        writer.write(tokenHash)
        writer.write(purpose.rawValue)
        writer.write(user.objectID)
        writer.write(createdAt)
        writer.write(expiresAt)
        writer.writeOptional(usedAt) { $0.write($1) }
    }

    init(from reader: inout RecordReader) throws {
        try reader.expectFormat(Self.formatVersion, of: Self.collectionName)
        id = try reader.readObjectID()
        tokenHash = try reader.readBytes()
        guard let purpose = Purpose(rawValue: try reader.readUInt8()) else {
            throw StoreError.corrupt(table: Self.collectionName, reason: "unknown purpose")
        }
        self.purpose = purpose
        user = UserID(try reader.readObjectID())
        createdAt = try reader.readDate()
        expiresAt = try reader.readDate()
        usedAt = try reader.readOptional { try $0.readDate() }
    }
}
