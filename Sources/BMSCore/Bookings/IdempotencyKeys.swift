import BMSStore
import Crypto

/// Remembers, per user and operation, which request an `Idempotency-Key` was first used with and what it
/// produced, in the same transaction as the result: a client that retries after a lost answer gets the
/// first answer again, never a second booking or charge.
struct IdempotencyKeys: Sendable {
    static let tableName = "idempotency"
    static let maximumKeyLength = 255

    private let entries: Table<BytesCodec, BytesCodec>

    init(store: Store) throws {
        entries = try store.table(Self.tableName, key: BytesCodec.self, value: BytesCodec.self)
    }

    /// What was produced for `key` with a request equal to `request` (by SHA-256), or nil the first time.
    /// The same key with another request is `BookingError.idempotencyKeyReused`.
    func recorded(_ txn: some Transaction, operation: String, user: UserID, key: String, request: [UInt8]) throws -> ObjectID? {
        guard let stored = try entries.get(txn, Self.entryKey(operation, user, key)) else { return nil }
        guard stored.count == 44, Array(stored.prefix(32)) == Self.digest(request) else { throw BookingError.idempotencyKeyReused }
        return ObjectID(bytes: stored.suffix(12))
    }

    func record(_ txn: WriteTransaction, operation: String, user: UserID, key: String, request: [UInt8], result: ObjectID) throws {
        try entries.put(txn, Self.entryKey(operation, user, key), Self.digest(request) + result.bytes)
    }

    private static func entryKey(_ operation: String, _ user: UserID, _ key: String) -> [UInt8] {
        Tuple([.string(operation), .id(user.objectID), .string(key)]).encoded
    }

    private static func digest(_ request: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: request)) }
}
