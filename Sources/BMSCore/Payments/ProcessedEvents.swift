import BMSStore
import Foundation

/// The provider events already acted on, by event id, so that a redelivered event changes nothing. An
/// event is recorded after its effects are written; the effects are themselves idempotent, so an event
/// handled again after a crash between the two does no harm.
struct ProcessedEvents: Sendable {
    static let tableName = "webhook-events"

    struct Entry: Codable {
        var type: String
        var processedAt: Date
    }

    private let table: Table<StringCodec, JSONCodec<Entry>>

    init(store: Store) throws {
        table = try store.table(Self.tableName, key: StringCodec.self, value: JSONCodec<Entry>.self)
    }

    func contains(_ txn: some Transaction, _ eventID: String) throws -> Bool { try table.contains(txn, eventID) }

    func record(_ txn: WriteTransaction, _ event: ProviderEvent, at now: Date) throws {
        try table.put(txn, event.id, Entry(type: event.type, processedAt: now))
    }
}

/// A table the payment provider may keep its own objects in. The built-in demo provider stores its
/// intents, charges, accounts and payouts here, so the one data file holds everything and a backup is
/// complete; the Stripe provider keeps nothing.
public enum PaymentProviderStorage {
    public static let tableName = "payment-provider"
}
