import BMSCore
import BMSStore
import Foundation

extension DemoPaymentProvider {
    /// Delivers every event still in the outbox, oldest first, stopping at the first one the webhook does
    /// not acknowledge (it stays for the next round, as Stripe retries). Returns how many were delivered.
    @discardableResult
    public func deliverPendingEvents() async -> Int {
        let keys = (try? store.read { txn in try objects.outbox.entries(txn, .prefix(Array("outbox:".utf8))).map(\.key) }) ?? []
        return await deliver(keys)
    }

    /// Delivers the outbox entries under `keys` in order; each is signed at delivery time (a redelivered
    /// event carries a fresh timestamp, as Stripe's do) and removed once acknowledged.
    @discardableResult
    func deliver(_ keys: [String]) async -> Int {
        guard let sink = sink.value.withLock({ $0 }) else { return 0 }
        var delivered = 0
        for key in keys {
            guard let pending = try? store.read({ txn in try objects.outbox.get(txn, key) }) else { continue }
            let header = signature.header(for: pending.payload, at: now)
            guard await sink(pending.payload, header) else { break }
            _ = try? await store.write { [objects] txn in try objects.outbox.delete(txn, key) }
            delivered += 1
        }
        return delivered
    }
}

extension DemoPaymentProvider {
    /// What the checkout page shows of an intent, once its client secret has been shown.
    public struct Checkout: Sendable {
        public var intent: PaymentIntent
        public var description: String
    }

    /// The intent behind a checkout link; the client secret in the link is the payer's proof, so no one
    /// else can pay, or see, someone's checkout.
    public func checkout(_ intentID: String, clientSecret: String) throws(PaymentProviderError) -> Checkout {
        let stored = try read { txn in try intent(txn, intentID) }
        guard let secret = stored.intent.clientSecret, secret == clientSecret else { throw .notFound(message: "No such checkout.") }
        return Checkout(intent: stored.intent, description: stored.description)
    }

    /// Pays a checkout with a test card number: `confirmPaymentIntent` behind the checkout page.
    public func pay(_ intentID: String, clientSecret: String, card: String) async throws(PaymentProviderError) -> PaymentIntent {
        _ = try checkout(intentID, clientSecret: clientSecret)
        return try await confirmPaymentIntent(intentID, paymentMethod: card, idempotencyKey: "checkout-\(UUID().uuidString)")
    }

    /// The connected account behind an onboarding link.
    public func onboarding(_ accountID: String) throws(PaymentProviderError) -> ConnectedAccount {
        try read { txn in try account(txn, accountID).account }
    }

    /// The owner finished the onboarding form: the account can take charges and receive payouts, and
    /// `account.updated` says so. Returns where the owner goes back to.
    public func completeOnboarding(_ accountID: String) async throws(PaymentProviderError) -> String? {
        try await write { txn, events in
            var stored = try account(txn, accountID)
            stored.account.detailsSubmitted = true
            stored.account.chargesEnabled = true
            stored.account.payoutsEnabled = true
            try objects.accounts.put(txn, accountID, stored)
            events.append(("account.updated", accountID, .account(stored.account)))
            return stored.returnURL
        }
    }

    /// Pays out each payout-enabled account's balance to its bank, at once (the demo's banks are quick),
    /// raising `payout.paid`. Run on a schedule by the server; returns how many payouts were made.
    @discardableResult
    public func runPayouts() async throws(PaymentProviderError) -> Int {
        let created = unixNow
        return try await write { txn, events in
            var made = 0
            for var stored in try objects.allAccounts(txn) where stored.account.payoutsEnabled && stored.balance > 0 {
                let payout = Payout(
                    id: DemoObjects.newID("po"), amount: stored.balance, currency: currency, status: "paid", arrivalDate: created,
                    failureMessage: nil,
                    created: created)
                try objects.payouts.put(txn, payout.id, payout)
                stored.balance = 0
                try objects.accounts.put(txn, stored.account.id, stored)
                events.append(("payout.paid", stored.account.id, .payout(payout)))
                made += 1
            }
            return made
        }
    }
}
