import BMSStore
import Foundation

/// The payments domain: one provider intent per booking with the platform's commission as the application
/// fee, the provider's outcomes (from its webhook or a client's return) applied to the booking, refunds of
/// what ended bookings are due, owners' connected accounts, held shares passed on once an owner can be
/// paid, payouts and the owner's revenue. Provider calls are never made inside a store transaction: each
/// is made first with an idempotency key, and its answer is then written, so a crash in between is
/// repaired by repeating the call.
public struct PaymentService: Sendable {
    let store: Store
    let provider: any PaymentProvider
    let bookings: BookingService
    let settings: PaymentSettings
    private let clock: @Sendable () -> Date
    let payments: RecordCollection<BookingPayment>
    let accounts: RecordCollection<PayoutAccount>
    let payouts: RecordCollection<PayoutRecord>
    let processed: ProcessedEvents
    let users: UserRepository
    let idempotency: IdempotencyKeys

    public init(
        store: Store, provider: any PaymentProvider, bookings: BookingService, settings: PaymentSettings = PaymentSettings(),
        now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.store = store
        self.provider = provider
        self.bookings = bookings
        self.settings = settings
        clock = now
        payments = try RecordCollection(in: store)
        accounts = try RecordCollection(in: store)
        payouts = try RecordCollection(in: store)
        processed = try ProcessedEvents(store: store)
        users = try UserRepository(store: store)
        idempotency = try IdempotencyKeys(store: store)
    }

    /// "demo" or "stripe".
    public var providerName: String { provider.name }

    func now() -> Date { clock().truncatedToMicroseconds }

    /// `user` as stored now; a missing or suspended user may do nothing.
    func currentUser(_ txn: some Transaction, _ user: User) throws -> User {
        guard let current = try users.active(txn, user) else { throw PaymentError.forbidden }
        return current
    }

    /// The payment of the provider's intent `id`.
    func payment(_ txn: some Transaction, intent id: String) throws -> BookingPayment? {
        try payments.find(txn, unique: "intent", Tuple([.string(id)]))
    }

    /// The owner's payout account whose provider id is `id`.
    func payoutAccount(_ txn: some Transaction, id: String) throws -> PayoutAccount? {
        try accounts.find(txn, unique: "account", Tuple([.string(id)]))
    }

    /// Runs a provider call, turning its failure into the domain's error.
    func call<T>(_ operation: () async throws(PaymentProviderError) -> T) async throws(PaymentError) -> T {
        do {
            return try await operation()
        } catch .cardDeclined(let code, let message) {
            throw .declined(code: code, message: message)
        } catch {
            throw .provider(error)
        }
    }

    /// Writes in one transaction and publishes the bookings' events after it commits.
    func writeAndPublish<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> (T, [DomainEvent])) async throws -> T {
        let (result, events) = try await store.write(body)
        bookings.events.publish(events)
        return result
    }
}
