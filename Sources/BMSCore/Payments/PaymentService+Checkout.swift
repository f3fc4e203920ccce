import BMSStore
import Foundation

/// What a client needs to take the payment of a booking: the provider's intent and its client secret
/// (for Stripe.js, or the built-in checkout page of the demo provider).
public struct PaymentCheckout: Sendable, Equatable {
    public var bookingID: BookingID
    public var intentID: String
    public var clientSecret: String
    public var amount: Money
    public var currency: String
    public var provider: String
    public var status: PaymentIntent.Status
}

extension PaymentService {
    /// The booking's payment intent for its seeker: made on the first call, the same one on every later
    /// call. The amount is the booking's total, never the client's. With the owner able to receive
    /// payouts the charge goes to the owner's account less the commission; otherwise the platform
    /// collects it and holds the owner's share. An `idempotencyKey` used before with another booking is
    /// refused.
    public func startCheckout(for bookingID: BookingID, by seeker: User, idempotencyKey: String? = nil) async throws -> PaymentCheckout {
        let key = try PaymentRequestKey("create-intent", user: seeker.id, key: idempotencyKey, request: bookingID.description)
        // A repeat needs nothing of its own: the booking's intent is the same one however often it is asked
        // for. The check refuses the key with another booking.
        _ = try isRepeat(key)
        let checkout = try await startCheckout(for: bookingID, by: seeker, now: now())
        try await remember(key, result: bookingID)
        return checkout
    }

    private func startCheckout(for bookingID: BookingID, by seeker: User, now: Date) async throws -> PaymentCheckout {
        let (booking, existing, ownerAccount) = try store.read { txn in
            let seeker = try currentUser(txn, seeker)
            guard let booking = try bookings.bookings.get(txn, bookingID.objectID)?.booking, BookingService.concerns(booking, seeker) else {
                throw PaymentError.notFound
            }
            guard booking.seekerID == seeker.id else { throw PaymentError.forbidden }
            return (booking, try payments.get(txn, bookingID.objectID), try accounts.get(txn, booking.ownerID.objectID))
        }
        try Self.ensurePayable(booking, existing, now: now)
        if let existing {
            let intent = try await call { () async throws(PaymentProviderError) in try await provider.retrievePaymentIntent(existing.intentID) }
            return try checkout(existing, intent)
        }
        let destination = ownerAccount?.payoutsEnabled == true ? ownerAccount?.accountID : nil
        let request = PaymentIntentRequest(
            amount: booking.quote.total, currency: settings.currency, applicationFee: destination == nil ? nil : booking.quote.commission,
            destination: destination, description: "BookMySleep booking \(booking.id): \(booking.nights) night(s) from \(booking.checkIn)",
            metadata: ["bookingId": booking.id.description, "seekerId": booking.seekerID.description, "ownerId": booking.ownerID.description],
            idempotencyKey: "bms-intent-\(booking.id)"
        )
        let intent = try await call { () async throws(PaymentProviderError) in try await provider.createPaymentIntent(request) }
        let record = BookingPayment(
            id: booking.id.objectID, bookingID: booking.id, seekerID: booking.seekerID, ownerID: booking.ownerID, provider: provider.name,
            intentID: intent.id, amount: booking.quote.total, commission: booking.quote.commission, currency: settings.currency,
            destination: destination, status: .awaitingPayment, chargeID: nil, failureMessage: nil, refunds: [], refunded: .zero,
            transfer: nil, createdAt: now, updatedAt: now, paidAt: nil
        )
        // Two first calls at once: the idempotency key gave both the same intent; the first record stays.
        let stored = try await store.write { [payments] txn in
            if let raced = try payments.get(txn, record.id) { return raced }
            try payments.insert(txn, record)
            return record
        }
        return try checkout(stored, intent)
    }

    /// Confirms the booking's intent with `paymentMethod` when given (the demo checkout, or a server-side
    /// confirmation), else reads where it stands (a client back from Stripe.js); either way the outcome is
    /// applied to the booking as the webhook would apply it. A declined card marks the payment failed,
    /// keeps the hold running for a retry, and throws `.declined`. A repeat under the same
    /// `idempotencyKey` answers the payment as it stands (declined again if it failed) without paying again.
    public func confirm(intentID: String, paymentMethod: String?, by user: User, idempotencyKey: String? = nil) async throws -> BookingPayment {
        let key = try PaymentRequestKey("confirm", user: user.id, key: idempotencyKey, request: "\(intentID)\n\(paymentMethod ?? "")")
        let record = try store.read { txn in
            let user = try currentUser(txn, user)
            guard let record = try payment(txn, intent: intentID),
                record.seekerID == user.id || user.role == .admin
            else { throw PaymentError.notFound }
            return record
        }
        if try isRepeat(key) {
            if record.status == .failed { throw PaymentError.declined(code: "card_declined", message: record.failureMessage ?? "the payment failed") }
            return record
        }
        do {
            let confirmed = try await confirm(record, paymentMethod: paymentMethod)
            try await remember(key, result: record.bookingID)
            return confirmed
        } catch PaymentError.declined(let code, let message) {
            try await remember(key, result: record.bookingID)
            throw PaymentError.declined(code: code, message: message)
        }
    }

    private func confirm(_ record: BookingPayment, paymentMethod: String?) async throws -> BookingPayment {
        let intentID = record.intentID
        guard let paymentMethod, record.status != .succeeded else {
            let intent = try await call { () async throws(PaymentProviderError) in try await provider.retrievePaymentIntent(intentID) }
            return try await apply(intent) ?? record
        }
        let booking = try store.read { txn in try bookings.bookings.get(txn, record.bookingID.objectID)?.booking }
        if let booking { try Self.ensurePayable(booking, record, now: now()) }
        do {
            // A fresh key per attempt: a retry after a decline is a new attempt, not a repeat.
            let key = "bms-confirm-\(intentID)-\(UUID().uuidString)"
            let intent = try await call { () async throws(PaymentProviderError) in
                try await provider.confirmPaymentIntent(intentID, paymentMethod: paymentMethod, idempotencyKey: key)
            }
            return try await apply(intent) ?? record
        } catch PaymentError.declined(let code, let message) {
            _ = try await recordFailure(intentID: intentID, message: message)
            throw PaymentError.declined(code: code, message: message)
        }
    }

    /// Applies an intent's state as the provider reports it: succeeded, or failed with an error.
    func apply(_ intent: PaymentIntent) async throws -> BookingPayment? {
        if intent.status == .succeeded { return try await recordSuccess(intent) }
        if intent.status == .requiresPaymentMethod, let error = intent.lastPaymentError {
            return try await recordFailure(intentID: intent.id, message: error.message ?? "the payment failed")
        }
        return try store.read { txn in try payment(txn, intent: intent.id) }
    }

    /// Marks the payment succeeded and the booking paid (confirming an instant booking), in one
    /// transaction; then refunds a booking that was paid too late and passes on a held share if the owner
    /// can already be paid. An intent this server did not make is ignored.
    func recordSuccess(_ intent: PaymentIntent) async throws -> BookingPayment? {
        let now = now()
        let record: BookingPayment? = try await writeAndPublish { [self] txn in
            guard var record = try payment(txn, intent: intent.id) else { return (nil, []) }
            guard record.status != .succeeded else { return (record, []) }
            record.status = .succeeded
            record.chargeID = intent.latestCharge ?? record.chargeID
            record.failureMessage = nil
            record.paidAt = now
            record.updatedAt = now
            try payments.save(txn, record)
            var (_, events) = try bookings.applyPayment(txn, record.bookingID, .succeeded(intentID: intent.id), now: now)
            // A refund reported before the success (events may arrive in any order) applies now.
            events += try bookings.applyRefundedTotal(txn, record.bookingID, record.refunded, now: now).1
            return (record, events)
        }
        guard let record else { return nil }
        try await settleRefund(record.bookingID)
        try await releaseHeldShares(of: record.ownerID)
        return try store.read { txn in try payments.get(txn, record.id) }
    }

    /// Marks an unpaid payment failed (a success is never undone by a late failure report).
    func recordFailure(intentID: String, message: String) async throws -> BookingPayment? {
        let now = now()
        return try await writeAndPublish { [self] txn in
            guard var record = try payment(txn, intent: intentID) else { return (nil, []) }
            guard record.status != .succeeded else { return (record, []) }
            record.status = .failed
            record.failureMessage = message
            record.updatedAt = now
            try payments.save(txn, record)
            let (_, events) = try bookings.applyPayment(txn, record.bookingID, .failed(reason: message), now: now)
            return (record, events)
        }
    }

    private func checkout(_ record: BookingPayment, _ intent: PaymentIntent) throws -> PaymentCheckout {
        guard let secret = intent.clientSecret else {
            throw PaymentError.provider(.invalidRequest(message: "the intent has no client secret", parameter: nil))
        }
        return PaymentCheckout(
            bookingID: record.bookingID, intentID: intent.id, clientSecret: secret, amount: record.amount, currency: record.currency,
            provider: record.provider, status: intent.status)
    }

    /// A booking can be paid while it is pending, unpaid and within its hold.
    static func ensurePayable(_ booking: Booking, _ record: BookingPayment?, now: Date) throws {
        if record?.status == .succeeded || booking.paymentStatus != .pending && booking.paymentStatus != .failed {
            throw PaymentError.notPayable("it is already paid")
        }
        guard booking.status == .pending else { throw PaymentError.notPayable("it is \(booking.status.name)") }
        guard booking.holdsBeds(at: now) else { throw PaymentError.notPayable("its hold on the beds has ended; book again") }
    }
}
