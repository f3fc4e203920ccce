import BMSStore
import Foundation

/// An owner's answer to a booking request of an approval-required property.
public struct BookingDecision: Sendable, Decodable {
    public var status: String?
    public var reason: String?

    public init(status: String? = nil, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }
}

/// What cancelling now would give back, shown before the cancel is confirmed.
public struct CancellationQuote: Sendable, Equatable {
    public var booking: BookingID
    public var policy: CancellationPolicy
    public var byOwner: Bool
    public var refund: Money
    public var paid: Money
}

/// How a payment attempt ended, as the payments domain reports it.
public enum PaymentOutcome: Sendable, Equatable {
    case succeeded(intentID: String)
    case failed(reason: String)
}

extension BookingService {
    /// The booking if `viewer` is its seeker, its property's owner or an admin; else nil (a 404).
    public func booking(_ id: BookingID, viewer: User) throws -> Booking? {
        try store.read { txn in try visibleBooking(txn, id, viewer: viewer) }
    }

    /// The owner's decision on a pending booking of theirs. Confirming needs it paid; rejecting needs a
    /// reason. (Refunding a rejected, paid booking is the payments domain's step.)
    public func decide(_ id: BookingID, _ decision: BookingDecision, by owner: User) async throws -> Booking {
        var errors = FieldErrors()
        let status = errors.check("status", ListingRules.named(decision.status, BookingStatus.self))
        if let status, status != .confirmed, status != .rejected { errors.note("status", "must be confirmed or rejected") }
        let reason = errors.check("reason", ListingRules.text(decision.reason, 0...500)) ?? ""
        if status == .rejected, reason.isEmpty { errors.note("reason", "is required when rejecting") }
        guard errors.problems.isEmpty, let status else { throw BookingError.validation(errors.problems) }
        let now = now()
        let (booking, events) = try await store.write { [self] txn -> (Booking, [DomainEvent]) in
            let owner = try currentActor(txn, owner)
            guard var booking = try visibleBooking(txn, id, viewer: owner) else { throw BookingError.notFound }
            guard owner.id == booking.ownerID || owner.role == .admin else { throw BookingError.forbidden }
            guard booking.status == .pending else { throw BookingError.illegalTransition(from: booking.status, to: status) }
            if status == .confirmed {
                guard booking.paymentStatus == .paid else { throw BookingError.paymentState(booking.paymentStatus, expected: "paid") }
                try ensureBedsStillFree(txn, booking, now: now)
            }
            if status == .rejected { booking.refundDue = Self.paidAmount(booking) }
            let event =
                status == .confirmed
                ? ("booking-confirmed", NotificationKind.bookingConfirmed, "Booking confirmed")
                : ("booking-update", .bookingUpdate, "Booking request declined")
            let events = try move(
                txn, &booking, to: status, by: owner.id, reason: reason.isEmpty ? "confirmed by the owner" : reason, now: now, event: event)
            return (booking, events)
        }
        self.events.publish(events)
        return booking
    }

    /// What cancelling now would refund, by the booking's policy (everything paid when the owner cancels).
    public func cancellationQuote(_ id: BookingID, by actor: User) throws -> CancellationQuote {
        let now = now()
        return try store.read { txn in
            let actor = try currentActor(txn, actor)
            guard let booking = try visibleBooking(txn, id, viewer: actor) else { throw BookingError.notFound }
            return try quote(booking, actor, now: now)
        }
    }

    /// Cancels a pending or confirmed booking (its seeker, its owner or an admin, acting for the owner)
    /// before its check-out date, freeing its beds; returns it with the refund the policy gives.
    public func cancel(_ id: BookingID, reason: String?, by actor: User) async throws -> (Booking, CancellationQuote) {
        var errors = FieldErrors()
        let reason = errors.check("reason", ListingRules.text(reason, 0...500)) ?? ""
        guard errors.problems.isEmpty else { throw BookingError.validation(errors.problems) }
        let now = now()
        let (result, events) = try await store.write { [self] txn -> ((Booking, CancellationQuote), [DomainEvent]) in
            let actor = try currentActor(txn, actor)
            guard var booking = try visibleBooking(txn, id, viewer: actor) else { throw BookingError.notFound }
            let refund = try quote(booking, actor, now: now)
            booking.refundDue = refund.refund
            let why = (reason.isEmpty ? "cancelled" : reason) + (refund.refund > .zero ? " (refund \(refund.refund.minorUnits))" : "")
            let events = try move(
                txn, &booking, to: .cancelled, by: actor.id, reason: why, now: now, event: ("booking-update", .bookingUpdate, "Booking cancelled"))
            return ((booking, refund), events)
        }
        self.events.publish(events)
        return result
    }

    /// Applies a payment outcome: a success marks the booking paid and confirms an instant-book one (or
    /// keeps a request's beds while the owner answers); a failure marks it failed, its hold running on so
    /// the seeker can retry. Outcomes may arrive twice or late: a repeat changes nothing, and a success for
    /// a booking that is no longer pending is recorded as paid so the payments domain can refund it.
    public func recordPayment(_ id: BookingID, _ outcome: PaymentOutcome) async throws -> Booking {
        let now = now()
        let (booking, events) = try await store.write { [self] txn in try applyPayment(txn, id, outcome, now: now) }
        self.events.publish(events)
        return booking
    }

    /// `recordPayment` inside the caller's transaction, so the payments domain can write its own record of
    /// the payment with it; the caller publishes the returned events after the commit.
    func applyPayment(_ txn: WriteTransaction, _ id: BookingID, _ outcome: PaymentOutcome, now: Date) throws -> (Booking, [DomainEvent]) {
        guard var booking = try bookings.get(txn, id.objectID)?.booking else { throw BookingError.notFound }
        switch outcome {
        case .succeeded(let intentID):
            guard booking.paymentStatus != .paid else { return (booking, []) }
            guard booking.paymentStatus.successors.contains(.paid) else {
                throw BookingError.paymentState(booking.paymentStatus, expected: "pending or failed")
            }
            booking.paymentStatus = .paid
            booking.paymentIntentID = intentID
            guard booking.status == .pending else {
                // Paid for a booking that had already ended (cancelled or expired while the payment was on
                // its way): everything comes back.
                if !booking.status.holdsBeds { booking.refundDue = booking.quote.total }
                let events = try move(
                    txn, &booking, to: nil, by: nil, reason: "", now: now, event: ("booking-update", .bookingUpdate, "Payment received"))
                return (booking, events)
            }
            do {
                try ensureBedsStillFree(txn, booking, now: now)
            } catch BookingError.unavailable(_, let reason) {
                // Paid too late: the beds are gone. The booking ends; the payments domain refunds it in full.
                booking.refundDue = Money(minorUnits: booking.quote.total.minorUnits)
                let events = try move(
                    txn, &booking, to: .cancelled, by: nil, reason: "paid after \(reason); full refund due", now: now,
                    event: ("booking-update", .bookingUpdate, "Booking could not be kept"))
                return (booking, events)
            }
            if booking.instantBook {
                let events = try move(
                    txn, &booking, to: .confirmed, by: nil, reason: "paid; instant booking", now: now,
                    event: ("booking-confirmed", .bookingConfirmed, "Booking confirmed"))
                return (booking, events)
            }
            booking.holdExpiresAt = now.adding(settings.ownerResponseTime)
            let events = try move(
                txn, &booking, to: nil, by: nil, reason: "", now: now,
                event: ("booking-request", .bookingRequest, "Paid booking request waiting for you"), notify: booking.ownerID)
            return (booking, events)
        case .failed:
            guard booking.paymentStatus == .pending || booking.paymentStatus == .failed else { return (booking, []) }
            booking.paymentStatus = .failed
            let events = try move(txn, &booking, to: nil, by: nil, reason: "", now: now, event: ("booking-update", .bookingUpdate, "Payment failed"))
            return (booking, events)
        }
    }

    /// Brings the booking's refunded amount up to `total`, the provider's running total for its charge,
    /// lowering what is still due by the difference. Totals, not increments, so a refund reported twice
    /// (by the provider's answer and again by its event) counts once. A lower total changes nothing.
    func applyRefundedTotal(_ txn: WriteTransaction, _ id: BookingID, _ total: Money, now: Date) throws -> (Booking, [DomainEvent]) {
        guard var booking = try bookings.get(txn, id.objectID)?.booking else { throw BookingError.notFound }
        let total = min(total, booking.quote.total)
        guard total > booking.amountRefunded, booking.paymentStatus.successors.contains(.partiallyRefunded) else { return (booking, []) }
        let added = total.minorUnits - booking.amountRefunded.minorUnits
        booking.amountRefunded = total
        booking.refundDue = Money(minorUnits: max(booking.refundDue.minorUnits - added, 0))
        booking.paymentStatus = total == booking.quote.total ? .refunded : .partiallyRefunded
        let events = try move(
            txn, &booking, to: nil, by: nil, reason: "", now: now, event: ("booking-update", .bookingUpdate, "Refund issued"),
            notify: booking.seekerID)
        return (booking, events)
    }

    /// Bookings that still have a refund due, oldest first: the payments domain's work list.
    func bookingsWithRefundDue(_ txn: some Transaction, limit: Int) throws -> [Booking] {
        var found: [Booking] = []
        try bookings.scan(txn, index: "refund-due", .all) { entry in
            if let booking = try bookings.get(txn, entry.id)?.booking { found.append(booking) }
            return found.count < limit
        }
        return found
    }

    /// Cancels pending bookings whose hold has ended (unpaid, or unanswered by the owner); returns how
    /// many. Their beds were free from the moment the hold ended; this tidies the records and tells the
    /// seeker. Safe to run any number of times.
    @discardableResult
    public func expireHolds() async throws -> Int {
        let now = now()
        let (count, events) = try await store.write { [self] txn -> (Int, [DomainEvent]) in
            var expired: [ObjectID] = []
            try bookings.scan(txn, index: "hold-expiry", KeyRange(upper: .excluded(Tuple([.date(now)]).encoded))) { entry in
                expired.append(entry.id)
                return true
            }
            var events: [DomainEvent] = []
            for id in expired {
                guard var booking = try bookings.get(txn, id)?.booking else { continue }
                let why = booking.paymentStatus == .paid ? "the owner did not answer in time" : "not paid in time"
                booking.refundDue = Self.paidAmount(booking)
                events += try move(
                    txn, &booking, to: .cancelled, by: nil, reason: why, now: now, event: ("booking-update", .bookingUpdate, "Booking expired"))
            }
            return (expired.count, events)
        }
        self.events.publish(events)
        return count
    }

    /// Marks confirmed bookings whose check-out date has come (in their property's zone) completed;
    /// returns how many. Safe to run any number of times.
    @discardableResult
    public func completeFinishedStays() async throws -> Int {
        let now = now()
        // No zone is more than a day ahead of UTC, so every finished stay ends by tomorrow's UTC date.
        let horizon = CalendarDate(now, in: .gmt).adding(days: 1)
        let (count, events) = try await store.write { [self] txn -> (Int, [DomainEvent]) in
            var candidates: [ObjectID] = []
            try bookings.scan(txn, index: "stay-end", KeyRange(upper: .excluded(Tuple([.int(Int64(horizon.daysSinceEpoch) + 1)]).encoded))) { entry in
                candidates.append(entry.id)
                return true
            }
            var events: [DomainEvent] = []
            var count = 0
            for id in candidates {
                guard var booking = try bookings.get(txn, id)?.booking,
                    booking.checkOut <= CalendarDate(now, inZone: booking.timeZone)
                else { continue }
                events += try move(
                    txn, &booking, to: .completed, by: nil, reason: "stay ended", now: now,
                    event: ("booking-update", .bookingUpdate, "Stay completed"))
                count += 1
            }
            return (count, events)
        }
        self.events.publish(events)
        return count
    }

    private func quote(_ booking: Booking, _ actor: User, now: Date) throws -> CancellationQuote {
        let byOwner = actor.id == booking.ownerID || actor.role == .admin
        guard byOwner || actor.id == booking.seekerID else { throw BookingError.forbidden }
        guard booking.status.successors.contains(.cancelled) else { throw BookingError.illegalTransition(from: booking.status, to: .cancelled) }
        let today = CalendarDate(now, inZone: booking.timeZone)
        guard booking.checkOut > today else { throw BookingError.stayEnded(booking.checkOut) }
        let paid = Self.paidAmount(booking)
        return CancellationQuote(
            booking: booking.id, policy: booking.cancellationPolicy, byOwner: byOwner,
            refund: RefundPolicy.refund(for: booking, policy: booking.cancellationPolicy, byOwner: byOwner, now: now), paid: paid
        )
    }

    /// What the seeker has paid and not had back.
    static func paidAmount(_ booking: Booking) -> Money {
        guard booking.paymentStatus == .paid || booking.paymentStatus == .partiallyRefunded else { return .zero }
        return Money(minorUnits: booking.quote.total.minorUnits - booking.amountRefunded.minorUnits)
    }
}
