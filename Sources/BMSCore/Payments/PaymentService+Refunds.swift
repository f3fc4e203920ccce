import BMSStore
import Foundation

extension PaymentService {
    /// Refunds what ended bookings are due (a cancel by policy, a rejection, an unanswered request, a
    /// payment that came too late), oldest first, at most `limit` bookings; returns how many refunds were
    /// made. Run right after such a change and by the `settle-payments` job, which retries what failed.
    @discardableResult
    public func settleRefunds(limit: Int = 100) async throws -> Int {
        let due = try store.read { txn in try bookings.bookingsWithRefundDue(txn, limit: limit) }
        var made = 0
        for booking in due where try await settleRefund(booking.id) { made += 1 }
        return made
    }

    /// Refunds what `bookingID` is due, if its payment has succeeded; true when a refund was made.
    @discardableResult
    public func settleRefund(_ bookingID: BookingID) async throws -> Bool {
        let (booking, record) = try store.read { txn in
            (try bookings.bookings.get(txn, bookingID.objectID)?.booking, try payments.get(txn, bookingID.objectID))
        }
        guard let booking, let record, record.status == .succeeded, booking.refundDue > .zero else { return false }
        let amount = min(booking.refundDue.minorUnits, record.amount.minorUnits - record.refunded.minorUnits)
        guard amount > 0 else { return false }
        _ = try await refund(record, Money(minorUnits: amount), reason: "booking \(booking.status.name)")
        return true
    }

    /// An admin's refund of any amount up to what remains paid (all of it when `amount` is nil).
    /// Everyone else gets their money back by cancelling, by the policy. A repeat under the same
    /// `idempotencyKey` answers the payment as it stands without refunding again.
    public func refund(_ bookingID: BookingID, amount: Money?, reason: String?, by admin: User, idempotencyKey: String? = nil) async throws
        -> BookingPayment
    {
        let key = try PaymentRequestKey(
            "refund", user: admin.id, key: idempotencyKey, request: "\(bookingID)\n\(amount?.minorUnits ?? -1)\n\(reason ?? "")")
        let record = try store.read { txn in
            let admin = try currentUser(txn, admin)
            guard admin.role == .admin else { throw PaymentError.forbidden }
            guard let record = try payments.get(txn, bookingID.objectID) else { throw PaymentError.notFound }
            return record
        }
        if try isRepeat(key) { return record }
        let remaining = Money(minorUnits: record.amount.minorUnits - record.refunded.minorUnits)
        guard record.status == .succeeded else { throw PaymentError.notPayable("nothing was paid for this booking") }
        let amount = amount ?? remaining
        guard amount > .zero else { throw PaymentError.validation(["amount": "must be more than 0"]) }
        guard amount <= remaining else { throw PaymentError.refundTooLarge(remaining: remaining) }
        let why = (reason?.trimmedOfWhitespace).flatMap { $0.isEmpty ? nil : $0 } ?? "refund by an admin"
        let refunded = try await refund(record, amount, reason: why)
        try await remember(key, result: bookingID)
        return refunded
    }

    /// Asks the provider for a refund, then records it. The key names the refund by what had been refunded
    /// before and how much, so repeating it after a crash gets the same refund back, not a second one.
    private func refund(_ record: BookingPayment, _ amount: Money, reason: String) async throws -> BookingPayment {
        let request = RefundRequest(
            paymentIntent: record.intentID, amount: amount, reverseTransfer: record.destination != nil,
            refundApplicationFee: record.destination != nil,
            metadata: ["bookingId": record.bookingID.description, "reason": String(reason.prefix(200))],
            idempotencyKey: "bms-refund-\(record.bookingID)-\(record.refunded.minorUnits)-\(amount.minorUnits)"
        )
        let refund = try await call { () async throws(PaymentProviderError) in try await provider.createRefund(request) }
        let entry = BookingPayment.RefundEntry(id: refund.id, amount: Money(minorUnits: refund.amount), at: now())
        let total = Money(minorUnits: record.refunded.minorUnits + refund.amount)
        return try await recordRefundedTotal(intentID: record.intentID, total: total, entry: entry) ?? record
    }

    /// Raises the payment's refunded total to `total` (the provider's running total, or ours after a
    /// refund it answered) and the booking's with it; notes `entry` once.
    func recordRefundedTotal(intentID: String, total: Money, entry: BookingPayment.RefundEntry?) async throws -> BookingPayment? {
        let now = now()
        return try await writeAndPublish { [self] txn in
            guard var record = try payment(txn, intent: intentID) else { return (nil, []) }
            if let entry, !record.refunds.contains(where: { $0.id == entry.id }) { record.refunds.append(entry) }
            record.refunded = min(max(record.refunded, total), record.amount)
            record.updatedAt = now
            try payments.save(txn, record)
            guard record.status == .succeeded else { return (record, []) }
            return (record, try bookings.applyRefundedTotal(txn, record.bookingID, record.refunded, now: now).1)
        }
    }
}
