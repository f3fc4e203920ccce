import BMSStore
import Foundation

/// An owner's (or, for an admin asking for no owner, the platform's) money at a glance, in minor units.
public struct PaymentSummary: Sendable, Equatable {
    public var currency: String
    /// Paid by seekers for the owner's bookings.
    public var gross = Money.zero
    /// Given back to seekers.
    public var refunded = Money.zero
    /// Kept by the platform (after refunds returned their share of it).
    public var commission = Money.zero
    /// The owner's earnings: gross − refunded − commission.
    public var net = Money.zero
    /// Of the earnings, still held by the platform until the owner can receive payouts.
    public var held = Money.zero
    /// Reached the owner's bank (`payout.paid`).
    public var paidOut = Money.zero
    /// Earned but not yet in the owner's bank: net − paid out.
    public var pending = Money.zero
    public var payments = 0
}

extension PaymentService {
    /// The summary of `ownerID`'s payments (the owner, or an admin); an admin asking for no owner gets the
    /// platform's.
    public func summary(of ownerID: UserID?, by viewer: User) throws -> PaymentSummary {
        try store.read { txn in
            let viewer = try currentUser(txn, viewer)
            guard viewer.role == .admin || (viewer.role == .owner && (ownerID == nil || ownerID == viewer.id)) else { throw PaymentError.forbidden }
            let owner = viewer.role == .admin ? ownerID : viewer.id
            var summary = PaymentSummary(currency: settings.currency)
            var net: Int64 = 0
            try each(txn, payments, of: owner) { record in
                guard record.status == .succeeded else { return }
                summary.payments += 1
                summary.gross = Money(minorUnits: summary.gross.minorUnits + record.amount.minorUnits)
                summary.refunded = Money(minorUnits: summary.refunded.minorUnits + record.refunded.minorUnits)
                summary.commission = Money(minorUnits: summary.commission.minorUnits + record.retainedCommission.minorUnits)
                net += record.ownerShare.minorUnits
                if record.holdsOwnerShare { summary.held = Money(minorUnits: summary.held.minorUnits + record.ownerShare.minorUnits) }
            }
            summary.net = Money(minorUnits: net)
            try each(txn, payouts, of: owner) { payout in
                if payout.status == "paid" { summary.paidOut = Money(minorUnits: summary.paidOut.minorUnits + payout.amount.minorUnits) }
            }
            summary.pending = Money(minorUnits: max(net - summary.paidOut.minorUnits, 0))
            return summary
        }
    }

    /// `ownerID`'s payouts newest first (the owner, or an admin), at most `limit`.
    public func payouts(of ownerID: UserID, by viewer: User, limit: Int) throws -> [PayoutRecord] {
        try store.read { txn in
            let viewer = try currentUser(txn, viewer)
            guard viewer.role == .admin || (viewer.role == .owner && viewer.id == ownerID) else { throw PaymentError.forbidden }
            var found: [PayoutRecord] = []
            let limit = Paging.clamp(limit)
            guard limit > 0 else { return found }
            try payouts.scan(txn, index: "owner", .prefix(Tuple([.id(ownerID.objectID)])), direction: .reverse) { entry in
                if let payout = try payouts.get(txn, entry.id) { found.append(payout) }
                return found.count < limit
            }
            return found
        }
    }

    /// The payment of a booking, for the booking's seeker, its owner or an admin.
    public func payment(of bookingID: BookingID, by viewer: User) throws -> BookingPayment? {
        try store.read { txn in
            let viewer = try currentUser(txn, viewer)
            guard let record = try payments.get(txn, bookingID.objectID) else { return nil }
            guard viewer.role == .admin || viewer.id == record.seekerID || viewer.id == record.ownerID else { return nil }
            return record
        }
    }

    /// Every record of `collection` (payments or payouts) of `owner` by its "owner" index, or all of them
    /// for no owner.
    private func each<R: Record>(_ txn: some Transaction, _ collection: RecordCollection<R>, of owner: UserID?, _ body: (R) -> Void) throws {
        guard let owner else { return try collection.all(txn).forEach(body) }
        try collection.scan(txn, index: "owner", .prefix(Tuple([.id(owner.objectID)]))) { entry in
            if let record = try collection.get(txn, entry.id) { body(record) }
            return true
        }
    }
}
