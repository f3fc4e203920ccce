import BMSStore
import Foundation

/// The payment of one booking: its provider intent, what the charge was split into, what has come back,
/// and whether the owner's share still waits for the owner to be able to receive it. One per booking
/// (keyed by the booking's id), so a second checkout reuses the first intent.
///
/// Index keys use ids, never dates: a JSON record's date does not come back bit for bit, and an index
/// key must be recomputable from the stored record (`bms check`).
public struct BookingPayment: JSONRecord, Sendable, Equatable {
    public static let collectionName = "payments"
    public static let indexes: [RecordIndex<BookingPayment>] = [
        .unique("intent") { [.string($0.intentID)] },
        .secondary("owner") { [.id($0.ownerID.objectID), .id($0.id)] },
        // Paid to the platform alone, not yet passed on: released when the owner can receive payouts.
        .secondary("held") { $0.holdsOwnerShare ? [.id($0.ownerID.objectID)] : nil },
    ]

    public enum Status: String, Codable, Sendable {
        case awaitingPayment = "awaiting_payment"
        case succeeded
        case failed
    }

    public struct RefundEntry: Codable, Sendable, Equatable {
        public var id: String
        public var amount: Money
        public var at: Date
    }

    public struct TransferEntry: Codable, Sendable, Equatable {
        public var id: String
        public var amount: Money
        public var at: Date
    }

    public var id: ObjectID
    public var bookingID: BookingID
    public var seekerID: UserID
    public var ownerID: UserID
    /// "demo" or "stripe": which provider holds the intent.
    public var provider: String
    public var intentID: String
    public var amount: Money
    /// The platform's commission; charged as the application fee when the charge has a destination.
    public var commission: Money
    public var currency: String
    /// The owner's connected account the charge was sent to; nil when the platform collected it alone.
    public var destination: String?
    public var status: Status
    public var chargeID: String?
    public var failureMessage: String?
    /// The refunds this server asked for, as the provider answered them.
    public var refunds: [RefundEntry]
    /// The provider's running total refunded on the charge: ours and any made at the provider directly.
    public var refunded: Money
    /// The owner's held share, once passed on.
    public var transfer: TransferEntry?
    public var createdAt: Date
    public var updatedAt: Date
    public var paidAt: Date?

    var holdsOwnerShare: Bool { status == .succeeded && destination == nil && transfer == nil }

    /// The commission the platform keeps after refunds: refunds return it in proportion, as
    /// `refund_application_fee` does.
    public var retainedCommission: Money {
        guard amount > .zero else { return .zero }
        let kept = amount.minorUnits - refunded.minorUnits
        return Money(minorUnits: commission.minorUnits * max(kept, 0) / amount.minorUnits)
    }

    /// What the owner earns from this payment: what was kept, less the retained commission.
    public var ownerShare: Money {
        guard status == .succeeded else { return .zero }
        return Money(minorUnits: max(amount.minorUnits - refunded.minorUnits - retainedCommission.minorUnits, 0))
    }
}

/// An owner's connected account at the provider and what the provider last said of it. Only the provider
/// sets `payoutsEnabled` (through `account.updated` or a fresh read), never a client.
public struct PayoutAccount: JSONRecord, Sendable, Equatable {
    public static let collectionName = "payout-accounts"
    public static let indexes: [RecordIndex<PayoutAccount>] = [
        .unique("account") { [.string($0.accountID)] }
    ]

    /// The owner's user id.
    public var id: ObjectID
    public var accountID: String
    public var detailsSubmitted: Bool
    public var chargesEnabled: Bool
    public var payoutsEnabled: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public var ownerID: UserID { UserID(id) }
}

/// Money that left an owner's connected account for their bank, as `payout.paid` / `payout.failed` told.
public struct PayoutRecord: JSONRecord, Sendable, Equatable {
    public static let collectionName = "payouts"
    public static let indexes: [RecordIndex<PayoutRecord>] = [
        .unique("payout") { [.string($0.payoutID)] },
        .secondary("owner") { [.id($0.ownerID.objectID), .id($0.id)] },
    ]

    public var id: ObjectID
    public var payoutID: String
    public var ownerID: UserID
    public var accountID: String
    public var amount: Money
    public var currency: String
    /// "paid", "failed", … as the provider reports it.
    public var status: String
    public var arrivalDate: Date
    public var failureMessage: String?
    public var createdAt: Date
    public var updatedAt: Date
}
