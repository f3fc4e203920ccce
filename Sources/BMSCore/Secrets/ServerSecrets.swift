import BMSStore

/// Secrets the server makes for itself and keeps in the data file, so one file is a complete backup
/// and a restart does not log everyone out.
public enum ServerSecrets {
    static let tableName = "secrets"

    /// The HS256 key for access tokens when `JWT_SECRET` is not set: 32 random bytes, made on first use.
    public static func jwtSigningKey(in store: Store) async throws -> [UInt8] {
        try await secret("jwt-signing-key", in: store)
    }

    /// The demo payment provider's webhook signing secret (`whsec_` and 64 hex digits), made on first use,
    /// so its events verify across restarts exactly as Stripe's do with `STRIPE_WEBHOOK_SECRET`.
    public static func demoWebhookSecret(in store: Store) async throws -> String {
        "whsec_" + Hex.string(try await secret("demo-webhook-secret", in: store))
    }

    /// The 32-byte secret stored under `name`. Two servers starting at once on one file agree: the first
    /// write wins and both read it back.
    private static func secret(_ name: String, in store: Store) async throws -> [UInt8] {
        let secrets = try store.table(tableName, key: StringCodec.self, value: BytesCodec.self)
        if let key = try store.read({ txn in try secrets.get(txn, name) }) { return key }
        let candidate = RandomBytes.make(count: 32)
        return try await store.write { txn in
            try secrets.insert(txn, name, candidate)
            guard let stored = try secrets.get(txn, name) else {
                throw StoreError.corrupt(table: tableName, reason: "\(name) missing right after writing it")
            }
            return stored
        }
    }
}
