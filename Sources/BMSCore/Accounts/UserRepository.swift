import BMSStore

/// The "users" collection as the account flows use it, inside a transaction the caller holds.
struct UserRepository: Sendable {
    private let records: RecordCollection<UserRecord>

    init(store: Store) throws { records = try RecordCollection(in: store) }

    func get(_ txn: some Transaction, _ id: UserID) throws -> User? {
        try records.get(txn, id.objectID)?.user
    }

    /// `user` as stored now, or nil when they are gone or suspended: who may act is decided on the current
    /// record, not on a copy loaded before the transaction.
    func active(_ txn: some Transaction, _ user: User) throws -> User? {
        guard let current = try get(txn, user.id), !current.isSuspended else { return nil }
        return current
    }

    func count(_ txn: some Transaction) throws -> Int { try records.count(txn) }

    func find(_ txn: some Transaction, email: EmailAddress) throws -> User? {
        try records.find(txn, unique: "email", [.string(email.value)])?.user
    }

    /// Adds a new user; another account with the same e-mail is `AccountError.emailTaken`.
    func insert(_ txn: WriteTransaction, _ user: User) throws {
        do {
            try records.insert(txn, UserRecord(user))
        } catch StoreError.uniqueViolation(_, field: "email") {
            throw AccountError.emailTaken
        }
    }

    func update(_ txn: WriteTransaction, _ user: User) throws {
        try records.update(txn, UserRecord(user))
    }

    /// Visits directory index entries (`role`, `joined` or `search`) in `range` until `body` returns false.
    func scan(
        _ txn: some Transaction, index: String, _ range: KeyRange, direction: ScanDirection,
        _ body: (IndexEntry) throws -> Bool
    ) throws {
        try records.scan(txn, index: index, range, direction: direction, body)
    }
}
