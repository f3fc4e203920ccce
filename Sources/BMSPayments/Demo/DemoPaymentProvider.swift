import BMSCore
import BMSStore
import Foundation
import Synchronization

/// The built-in stand-in for Stripe, on when no Stripe key is configured: it keeps intents, charges,
/// refunds, connected accounts, transfers and payouts in the data file, offers a checkout page and a
/// Connect onboarding page (served by the server at `/pay/…`), and tells the server what happened with
/// Stripe-shaped events signed with the webhook secret, delivered through the same handler that takes
/// Stripe's webhook calls. So the whole payment flow, webhook included, runs offline.
///
/// Events are written to an outbox in the same transaction as the change they report, delivered right
/// after it commits, and redelivered by `deliverPendingEvents()` until the webhook acknowledges them.
public struct DemoPaymentProvider: PaymentProvider {
    /// Takes a signed event (payload and `Stripe-Signature` value); true when it was acknowledged.
    public typealias EventSink = @Sendable (_ payload: [UInt8], _ signature: String) async -> Bool

    public let name = "demo"
    let store: Store
    let objects: DemoObjects
    let signature: WebhookSignature
    /// The server's public address: the checkout and onboarding pages live under it.
    let siteURL: String
    let sink: SinkBox
    /// The currency of payouts (the installation's).
    let currency: String
    private let clock: @Sendable () -> Date

    public init(
        store: Store, webhookSecret: String, siteURL: String, currency: String = "inr", now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.store = store
        objects = try DemoObjects(store: store)
        signature = WebhookSignature(secret: webhookSecret)
        self.siteURL = siteURL
        sink = SinkBox()
        self.currency = currency
        clock = now
    }

    /// Where events go: set once the webhook handler exists (it needs the payments service, which needs
    /// this provider). Until then events wait in the outbox.
    public func deliverEvents(to sink: @escaping EventSink) {
        self.sink.value.withLock { $0 = sink }
    }

    var now: Date { clock() }
    var unixNow: Int64 { Int64(now.timeIntervalSince1970) }

    // MARK: PaymentProvider

    public func createPaymentIntent(_ request: PaymentIntentRequest) async throws(PaymentProviderError) -> PaymentIntent {
        guard request.amount > .zero else { throw .invalidRequest(message: "Amount must be at least 1.", parameter: "amount") }
        if request.applicationFee != nil, request.destination == nil {
            throw .invalidRequest(message: "application_fee_amount needs transfer_data[destination].", parameter: "application_fee_amount")
        }
        let created = unixNow
        return try await write { txn, _ in
            if let id = try objects.remembered(txn, "intent", request.idempotencyKey), let known = try objects.intents.get(txn, id) {
                return known.intent
            }
            if let destination = request.destination, try objects.accounts.get(txn, destination) == nil {
                throw PaymentProviderError.invalidRequest(message: "No such destination: '\(destination)'", parameter: "transfer_data[destination]")
            }
            let id = DemoObjects.newID("pi")
            let intent = PaymentIntent(
                id: id, amount: request.amount.minorUnits, currency: request.currency, status: .requiresPaymentMethod,
                clientSecret: "\(id)_secret_\(DemoObjects.newID("cs").dropFirst(3))", latestCharge: nil,
                applicationFeeAmount: request.applicationFee?.minorUnits, transferData: request.destination.map(PaymentIntent.TransferData.init),
                metadata: request.metadata, lastPaymentError: nil, created: created)
            try objects.intents.put(txn, id, DemoObjects.Intent(intent: intent, description: request.description))
            try objects.remember(txn, "intent", request.idempotencyKey, id)
            return intent
        }
    }

    public func retrievePaymentIntent(_ id: String) async throws(PaymentProviderError) -> PaymentIntent {
        try read { txn in try intent(txn, id).intent }
    }

    public func confirmPaymentIntent(_ id: String, paymentMethod: String, idempotencyKey: String) async throws(PaymentProviderError) -> PaymentIntent
    {
        let outcome = DemoCards.outcome(of: paymentMethod)
        let created = unixNow
        let confirmed = try await write { txn, events in
            if let known = try objects.remembered(txn, "confirm", idempotencyKey), let stored = try objects.intents.get(txn, known) {
                return stored.intent
            }
            var stored = try intent(txn, id)
            guard stored.intent.status == .requiresPaymentMethod || stored.intent.status == .requiresConfirmation else {
                throw PaymentProviderError.invalidRequest(
                    message: "This PaymentIntent's status is \(stored.intent.status.rawValue); it cannot be confirmed.", parameter: nil)
            }
            switch outcome {
            case .succeeds:
                let charge = Charge(
                    id: DemoObjects.newID("ch"), amount: stored.intent.amount, amountRefunded: 0, currency: stored.intent.currency,
                    paymentIntent: id, refunded: false, metadata: stored.intent.metadata, created: created)
                try objects.charges.put(txn, charge.id, charge)
                stored.intent.status = .succeeded
                stored.intent.latestCharge = charge.id
                stored.intent.lastPaymentError = nil
                if let destination = stored.intent.transferData?.destination {
                    try credit(txn, destination, stored.intent.amount - (stored.intent.applicationFeeAmount ?? 0))
                }
                events.append(("payment_intent.succeeded", nil, .paymentIntent(stored.intent)))
            case .declined(let code, let message):
                stored.intent.status = .requiresPaymentMethod
                stored.intent.lastPaymentError = PaymentIntent.LastError(code: "card_declined", declineCode: code, message: message)
                events.append(("payment_intent.payment_failed", nil, .paymentIntent(stored.intent)))
            }
            try objects.intents.put(txn, id, stored)
            try objects.remember(txn, "confirm", idempotencyKey, id)
            return stored.intent
        }
        if case .declined(let code, let message) = outcome, confirmed.status != .succeeded { throw .cardDeclined(code: code, message: message) }
        return confirmed
    }

    public func createRefund(_ request: RefundRequest) async throws(PaymentProviderError) -> Refund {
        let created = unixNow
        return try await write { txn, events in
            if let id = try objects.remembered(txn, "refund", request.idempotencyKey), let known = try objects.refunds.get(txn, id) { return known }
            let stored = try intent(txn, request.paymentIntent)
            guard stored.intent.status == .succeeded, let chargeID = stored.intent.latestCharge, var charge = try objects.charges.get(txn, chargeID)
            else {
                throw PaymentProviderError.invalidRequest(
                    message: "This PaymentIntent has no successful charge to refund.", parameter: "payment_intent")
            }
            let remaining = charge.amount - charge.amountRefunded
            guard request.amount > .zero, request.amount.minorUnits <= remaining else {
                throw PaymentProviderError.invalidRequest(
                    message: "Refund amount (\(request.amount.minorUnits)) is greater than unrefunded amount on charge (\(remaining)).",
                    parameter: "amount")
            }
            if request.reverseTransfer, let destination = stored.intent.transferData?.destination {
                // The account gives back its share of the refunded part; with the fee refunded too, all of it.
                let fee = request.refundApplicationFee ? 0 : (stored.intent.applicationFeeAmount ?? 0) * request.amount.minorUnits / charge.amount
                try credit(txn, destination, -(request.amount.minorUnits - fee))
            }
            charge.amountRefunded += request.amount.minorUnits
            charge.refunded = charge.amountRefunded == charge.amount
            try objects.charges.put(txn, charge.id, charge)
            let refund = Refund(
                id: DemoObjects.newID("re"), amount: request.amount.minorUnits, currency: charge.currency, paymentIntent: request.paymentIntent,
                charge: charge.id, status: "succeeded", metadata: request.metadata, created: created)
            try objects.refunds.put(txn, refund.id, refund)
            try objects.remember(txn, "refund", request.idempotencyKey, refund.id)
            events.append(("charge.refunded", nil, .charge(charge)))
            return refund
        }
    }

    public func createConnectedAccount(_ request: ConnectedAccountRequest) async throws(PaymentProviderError) -> ConnectedAccount {
        try await write { txn, _ in
            if let id = try objects.remembered(txn, "account", request.idempotencyKey), let known = try objects.accounts.get(txn, id) {
                return known.account
            }
            let account = ConnectedAccount(
                id: DemoObjects.newID("acct"), email: request.email, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false,
                metadata: request.metadata)
            try objects.accounts.put(txn, account.id, DemoObjects.Account(account: account, balance: 0))
            try objects.remember(txn, "account", request.idempotencyKey, account.id)
            return account
        }
    }

    public func retrieveAccount(_ id: String) async throws(PaymentProviderError) -> ConnectedAccount {
        try read { txn in try account(txn, id).account }
    }

    public func createAccountLink(_ request: AccountLinkRequest) async throws(PaymentProviderError) -> AccountLink {
        let created = unixNow
        try await write { txn, _ in
            var stored = try account(txn, request.account)
            stored.returnURL = request.returnURL
            stored.refreshURL = request.refreshURL
            try objects.accounts.put(txn, request.account, stored)
        }
        return AccountLink(url: "\(siteURL)/pay/connect/\(request.account)", created: created, expiresAt: created + 300)
    }

    public func createTransfer(_ request: TransferRequest) async throws(PaymentProviderError) -> Transfer {
        let created = unixNow
        return try await write { txn, _ in
            if let id = try objects.remembered(txn, "transfer", request.idempotencyKey), let known = try objects.transfers.get(txn, id) {
                return known
            }
            _ = try account(txn, request.destination)
            guard let charge = try objects.charges.get(txn, request.sourceTransaction) else {
                throw PaymentProviderError.invalidRequest(message: "No such charge: '\(request.sourceTransaction)'", parameter: "source_transaction")
            }
            guard request.amount > .zero, request.amount.minorUnits <= charge.amount - charge.amountRefunded else {
                throw PaymentProviderError.invalidRequest(
                    message: "The transfer amount exceeds what the source charge has left.", parameter: "amount")
            }
            let transfer = Transfer(
                id: DemoObjects.newID("tr"), amount: request.amount.minorUnits, currency: request.currency, destination: request.destination,
                sourceTransaction: request.sourceTransaction, metadata: request.metadata, created: created)
            try objects.transfers.put(txn, transfer.id, transfer)
            try credit(txn, request.destination, transfer.amount)
            try objects.remember(txn, "transfer", request.idempotencyKey, transfer.id)
            return transfer
        }
    }

    // MARK: Helpers

    func intent(_ txn: some Transaction, _ id: String) throws -> DemoObjects.Intent {
        guard let stored = try objects.intents.get(txn, id) else { throw PaymentProviderError.notFound(message: "No such payment_intent: '\(id)'") }
        return stored
    }

    func account(_ txn: some Transaction, _ id: String) throws -> DemoObjects.Account {
        guard let stored = try objects.accounts.get(txn, id) else { throw PaymentProviderError.notFound(message: "No such account: '\(id)'") }
        return stored
    }

    private func credit(_ txn: WriteTransaction, _ accountID: String, _ amount: Int64) throws {
        var stored = try account(txn, accountID)
        stored.balance += amount
        try objects.accounts.put(txn, accountID, stored)
    }

    /// An event to raise: its type, the connected account it happened on, and its object.
    typealias RaisedEvent = (type: String, account: String?, object: EventObject)

    /// Reads the provider's objects; a store failure is the provider being unavailable.
    func read<T>(_ body: (ReadTransaction) throws -> T) throws(PaymentProviderError) -> T {
        do {
            return try store.read(body)
        } catch let error as PaymentProviderError {
            throw error
        } catch {
            throw .unavailable(message: "the demo provider could not read its data: \(error)")
        }
    }

    /// Writes a change with the events it raises into the outbox, in one transaction; then delivers them.
    func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction, inout [RaisedEvent]) throws -> T) async throws(PaymentProviderError) -> T {
        let created = unixNow
        let result: (T, [String])
        do {
            result = try await store.write { [objects] txn in
                var raised: [RaisedEvent] = []
                let value = try body(txn, &raised)
                var keys: [String] = []
                for event in raised {
                    let event = ProviderEvent(
                        id: DemoObjects.newID("evt"), type: event.type, created: created, account: event.account, apiVersion: Self.apiVersion,
                        object: event.object)
                    let payload = try Array(JSONEncoder().encode(event))
                    // Object ids grow with time and a counter: the outbox delivers in the order events happened.
                    let key = "outbox:\(ObjectID())"
                    try objects.outbox.put(txn, key, DemoObjects.PendingEvent(payload: payload, type: event.type))
                    keys.append(key)
                }
                return (value, keys)
            }
        } catch let error as PaymentProviderError {
            throw error
        } catch {
            throw .unavailable(message: "the demo provider could not write its data: \(error)")
        }
        if !result.1.isEmpty { await deliver(result.1) }
        return result.0
    }

    /// The API version the demo's events say they are shaped by (the one the Stripe client pins).
    static let apiVersion = "2024-06-20"
}

/// The event sink, set once after start-up and read on every delivery.
final class SinkBox: Sendable {
    let value = Mutex<DemoPaymentProvider.EventSink?>(nil)
}
