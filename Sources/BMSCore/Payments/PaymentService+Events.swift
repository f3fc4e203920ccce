import BMSStore
import Foundation

extension PaymentService {
    /// Acts on one provider event (already verified by its signature). Each event id is acted on once;
    /// events may come twice or in any order, and each effect checks the state it changes, so a late
    /// failure never undoes a success and a refund reported before the payment is applied when the
    /// payment arrives. Types this server does not use are acknowledged and ignored.
    public func handle(_ event: ProviderEvent) async throws {
        if try store.read({ txn in try processed.contains(txn, event.id) }) { return }
        switch (event.type, event.data.object) {
        case ("payment_intent.succeeded", .paymentIntent(let intent)):
            _ = try await recordSuccess(intent)
        case ("payment_intent.payment_failed", .paymentIntent(let intent)):
            _ = try await recordFailure(intentID: intent.id, message: intent.lastPaymentError?.message ?? "the payment failed")
        case ("charge.refunded", .charge(let charge)):
            if let intentID = charge.paymentIntent {
                _ = try await recordRefundedTotal(intentID: intentID, total: Money(minorUnits: charge.amountRefunded), entry: nil)
            }
        case ("payout.paid", .payout(let payout)), ("payout.failed", .payout(let payout)):
            if let account = event.account { try await recordPayout(payout, account: account) }
        case ("account.updated", .account(let account)):
            _ = try await recordAccount(account)
        default:
            break
        }
        let now = now()
        try await store.write { [processed] txn in try processed.record(txn, event, at: now) }
    }

    /// Keeps the provider's report of a payout to an owner's bank; a later report of the same payout
    /// (paid after in transit, or failed) replaces it.
    func recordPayout(_ payout: Payout, account: String) async throws {
        let now = now()
        try await store.write { [self] txn in
            guard let owner = try payoutAccount(txn, id: account) else { return }
            var record =
                try payouts.find(txn, unique: "payout", Tuple([.string(payout.id)]))
                ?? PayoutRecord(
                    id: ObjectID(time: now), payoutID: payout.id, ownerID: owner.ownerID, accountID: account, amount: .zero,
                    currency: payout.currency, status: payout.status, arrivalDate: now, failureMessage: nil, createdAt: now, updatedAt: now)
            record.amount = Money(minorUnits: payout.amount)
            record.status = payout.status
            record.arrivalDate = Date(timeIntervalSince1970: TimeInterval(payout.arrivalDate))
            record.failureMessage = payout.failureMessage
            record.updatedAt = now
            try payouts.save(txn, record)
        }
    }
}
