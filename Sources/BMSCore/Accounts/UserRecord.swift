import BMSStore
import Foundation

/// How a `User` is stored: a compact binary record (users are hot: every authenticated request may
/// load one) with a leading format byte, and the indexes the account flows and the admin directory use.
///
/// A wrapper rather than a conformance of `User` itself, because `Record` wants an `ObjectID` id while
/// `User.id` is a `UserID`.
struct UserRecord: Record {
    static let collectionName = "users"
    static let indexes: [RecordIndex<UserRecord>] = [
        .unique("email") { [.string($0.user.email.value)] },
        .secondary("role", cover: { $0.directoryCover }, { [.string($0.user.role.rawValue), .date($0.user.createdAt)] }),
        .secondary("joined", cover: { $0.directoryCover }, { [.date($0.user.createdAt)] }),
        .multi("search", cover: { $0.directoryCover }, { record in SearchTokens.of(record.user).map { [.string($0)] } }),
    ]

    private static let formatVersion: UInt8 = 1

    var user: User

    var id: ObjectID { user.id.objectID }

    init(_ user: User) { self.user = user }

    /// What the admin directory filters on, beside every directory index entry, so that filtering by
    /// role, verification and suspension never decodes a record: role code, verified, suspended, and
    /// the creation time (the listing order) as 8 big-endian bytes of microseconds.
    var directoryCover: [UInt8] { DirectoryCover(user).bytes }

    func encode(to writer: inout RecordWriter) {
        writer.write(Self.formatVersion)
        writer.write(user.id.objectID)
        writer.write(user.firstName)
        writer.write(user.lastName)
        writer.write(user.email.value)
        writer.write(user.phoneNumber)
        writer.write(user.role.code)
        writer.write(user.isVerified)
        writer.write(user.isSuspended)
        writer.writeOptional(user.avatar) { $0.write($1.bytes) }
        writer.write(user.createdAt)
        writer.write(user.updatedAt)
        writer.write(user.passwordHash)
    }

    init(from reader: inout RecordReader) throws {
        try reader.expectFormat(Self.formatVersion, of: Self.collectionName)
        let id = UserID(try reader.readObjectID())
        let firstName = try reader.readString()
        let lastName = try reader.readString()
        guard let email = EmailAddress(stored: try reader.readString()) else {
            throw StoreError.corrupt(table: Self.collectionName, reason: "stored e-mail is not an address")
        }
        let phoneNumber = try reader.readString()
        guard let role = Role(code: try reader.readUInt8()) else {
            throw StoreError.corrupt(table: Self.collectionName, reason: "unknown role code")
        }
        let isVerified = try reader.readBool()
        let isSuspended = try reader.readBool()
        let avatar = try reader.readOptional { reader throws -> MediaDigest in
            guard let digest = MediaDigest(bytes: try reader.readBytes()) else {
                throw StoreError.corrupt(table: Self.collectionName, reason: "avatar digest")
            }
            return digest
        }
        user = User(
            id: id, firstName: firstName, lastName: lastName, email: email, phoneNumber: phoneNumber, role: role,
            isVerified: isVerified, isSuspended: isSuspended, avatar: avatar, createdAt: try reader.readDate(),
            updatedAt: try reader.readDate(), passwordHash: try reader.readString()
        )
    }
}
