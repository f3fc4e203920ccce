import BMSStore

/// The schema of the BookMySleep data file. Each feature adds its collections here and, when it changes
/// what is stored, a forward migration with the next version number. (New, empty collections and tables
/// need none: opening a file creates missing tables.)
public enum BookMySleepSchema {
    public static let current = Schema(
        version: 12,
        collections: [
            CollectionSchema<UserRecord>(),
            CollectionSchema<RefreshToken>(),
            CollectionSchema<OneTimeToken>(),
            CollectionSchema<OutboxMessage>(),
            CollectionSchema<AuditEntry>(),
            CollectionSchema<PropertyRecord>(),
            CollectionSchema<RoomRecord>(),
            MailboxSchema(),
            CollectionSchema<BookingRecord>(),
            CollectionSchema<BookingPayment>(),
            CollectionSchema<PayoutAccount>(),
            CollectionSchema<PayoutRecord>(),
        ],
        tables: MediaLibrary.tableNames + [
            ServerSecrets.tableName, IdempotencyKeys.tableName, JobLog.tableName,
            ProcessedEvents.tableName, PaymentProviderStorage.tableName,
        ],
        migrations: [
            Migration(version: 2, summary: "bookings gain the refund-due index") { store, txn in
                _ = try CollectionSchema<BookingRecord>().rebuildIndexes(in: store, txn)
            },
            Migration(version: 3, summary: "text search reads token weights from the text index's cards; text-of retired") { store, txn in
                try txn.dropRetiredTable("idx:properties:text-of")
                _ = try CollectionSchema<PropertyRecord>().rebuildIndexes(in: store, txn)
            },
            Migration(version: 4, summary: "notifications are stored as binary records, not JSON", apply: NotificationFormatMigration.apply),
            Migration(version: 5, summary: "notifications are stored under their recipient, without a separate index", apply: MailboxMigration.apply),
            Migration(version: 6, summary: "bed holds are read from the bookings' property index, whose entries carry room, stay and hold") {
                store, txn in
                try txn.dropRetiredTable(BedLedger.retiredTableName)
                _ = try CollectionSchema<BookingRecord>().rebuildIndexes(named: [BedLedger.index], in: store, txn)
            },
            Migration(version: 7, summary: "properties gain the city-amenity search index") { store, txn in
                _ = try CollectionSchema<PropertyRecord>().rebuildIndexes(named: ["city-amenity"], in: store, txn)
            },
            Migration(version: 8, summary: "the bookings' property index files stays by length, so bed checks skip past stays") {
                store, txn in
                _ = try CollectionSchema<BookingRecord>().rebuildIndexes(named: [BedLedger.index], in: store, txn)
            },
            Migration(version: 9, summary: "the text and card indexes' cards lead their tokens with a signature that refuses most candidates") {
                store, txn in
                _ = try CollectionSchema<PropertyRecord>().rebuildIndexes(named: ["text", "card"], in: store, txn)
            },
            Migration(version: 10, summary: "the geo index carries each listing's card, so a search near a point reads no card by id") {
                store, txn in
                _ = try CollectionSchema<PropertyRecord>().rebuildIndexes(named: ["location"], in: store, txn)
            },
            Migration(version: 11, summary: "the verification index leaves deleted properties out, so the admins' queue is counted from it") {
                store, txn in
                _ = try CollectionSchema<PropertyRecord>().rebuildIndexes(named: ["verification"], in: store, txn)
            },
            Migration(version: 12, summary: "the text and card indexes' cards lead with a 128-bit token signature, read before the card") {
                store, txn in
                _ = try CollectionSchema<PropertyRecord>().rebuildIndexes(named: ["text", "card"], in: store, txn)
            },
        ]
    )
}
