import BMSStore
import Foundation

/// The covering bytes beside each entry of the user directory's indexes ("role", "joined", "search"):
/// role code, verified, suspended, then the creation time in microseconds (8 bytes, big-endian). The
/// admin listing filters and orders on these without decoding a single record.
struct DirectoryCover: Equatable {
    var role: Role
    var isVerified: Bool
    var isSuspended: Bool
    var createdMicroseconds: Int64

    init(_ user: User) {
        role = user.role
        isVerified = user.isVerified
        isSuspended = user.isSuspended
        createdMicroseconds = user.createdAt.storedMicroseconds
    }

    var bytes: [UInt8] {
        var out: [UInt8] = [role.code, isVerified ? 1 : 0, isSuspended ? 1 : 0]
        let bits = UInt64(bitPattern: createdMicroseconds)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        return out
    }

    /// Reads the cover of an index entry back.
    init(_ entry: IndexEntry) throws {
        let bytes = entry.cover
        guard bytes.count == 11, let role = Role(code: bytes[0]), bytes[1] <= 1, bytes[2] <= 1 else {
            throw StoreError.corrupt(table: UserRecord.collectionName, reason: "directory cover of \(entry.id)")
        }
        self.role = role
        isVerified = bytes[1] == 1
        isSuspended = bytes[2] == 1
        createdMicroseconds = Int64(bitPattern: bytes[3...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
}
