import BMSCore
import BMSStore
import Foundation

/// The demo provider's objects, kept in the data file's provider table under their ids (`pi_…`, `ch_…`,
/// `acct_…`, …), with idempotency keys (`idem:<key>` → object id) and undelivered events
/// (`outbox:<created>:<evt id>`). One typed view of the table per kind of object.
struct DemoObjects: Sendable {
    /// An intent with what only the checkout page shows.
    struct Intent: Codable, Sendable {
        var intent: PaymentIntent
        var description: String
    }

    /// An account with its balance (what has been earned and not yet paid out) and where onboarding
    /// returns to.
    struct Account: Codable, Sendable {
        var account: ConnectedAccount
        var balance: Int64
        var returnURL: String?
        var refreshURL: String?
    }

    /// A signed event not yet acknowledged by the webhook.
    struct PendingEvent: Codable, Sendable {
        var payload: [UInt8]
        var type: String
    }

    let intents: Table<StringCodec, JSONCodec<Intent>>
    let charges: Table<StringCodec, JSONCodec<Charge>>
    let refunds: Table<StringCodec, JSONCodec<Refund>>
    let accounts: Table<StringCodec, JSONCodec<Account>>
    let transfers: Table<StringCodec, JSONCodec<Transfer>>
    let payouts: Table<StringCodec, JSONCodec<Payout>>
    let idempotency: Table<StringCodec, StringCodec>
    let outbox: Table<StringCodec, JSONCodec<PendingEvent>>

    init(store: Store) throws {
        let name = PaymentProviderStorage.tableName
        intents = try store.table(name, key: StringCodec.self, value: JSONCodec<Intent>.self)
        charges = try store.table(name, key: StringCodec.self, value: JSONCodec<Charge>.self)
        refunds = try store.table(name, key: StringCodec.self, value: JSONCodec<Refund>.self)
        accounts = try store.table(name, key: StringCodec.self, value: JSONCodec<Account>.self)
        transfers = try store.table(name, key: StringCodec.self, value: JSONCodec<Transfer>.self)
        payouts = try store.table(name, key: StringCodec.self, value: JSONCodec<Payout>.self)
        idempotency = try store.table(name, key: StringCodec.self, value: StringCodec.self)
        outbox = try store.table(name, key: StringCodec.self, value: JSONCodec<PendingEvent>.self)
    }

    /// A new object id with Stripe's prefix: `pi_3Qx…`.
    static func newID(_ prefix: String) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        return prefix + "_" + String((0..<24).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The id stored under an idempotency key of one kind of request.
    func remembered(_ txn: some Transaction, _ kind: String, _ key: String) throws -> String? {
        try idempotency.get(txn, "idem:\(kind):\(key)")
    }

    func remember(_ txn: WriteTransaction, _ kind: String, _ key: String, _ id: String) throws {
        try idempotency.put(txn, "idem:\(kind):\(key)", id)
    }

    /// Every connected account, in id order.
    func allAccounts(_ txn: some Transaction) throws -> [Account] {
        try accounts.entries(txn, .prefix(Array("acct_".utf8))).map(\.value)
    }
}
