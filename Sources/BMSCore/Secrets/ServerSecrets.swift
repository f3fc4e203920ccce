import BMSStore

/// Secrets the server makes for itself and keeps in the data file, so one file is a complete backup
/// and a restart does not log everyone out.
public enum ServerSecrets {
    static let tableName = "secrets"
    private static let jwtSigningKeyName = "jwt-signing-key"

    /// The HS256 key for access tokens when `JWT_SECRET` is not set: 32 random bytes, made on first use.
    /// Two servers starting at once on one file agree: the first write wins and both read it back.
    public static func jwtSigningKey(in store: Store) async throws -> [UInt8] {
        let secrets = try store.table(tableName, key: StringCodec.self, value: BytesCodec.self)
        if let key = try store.read({ txn in try secrets.get(txn, jwtSigningKeyName) }) { return key }
        let candidate = RandomBytes.make(count: 32)
        return try await store.write { txn in
            try secrets.insert(txn, jwtSigningKeyName, candidate)
            guard let stored = try secrets.get(txn, jwtSigningKeyName) else {
                throw StoreError.corrupt(table: tableName, reason: "signing key missing right after writing it")
            }
            return stored
        }
    }
}
