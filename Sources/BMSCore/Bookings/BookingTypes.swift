import BMSStore
import Foundation

/// A booking's id.
public struct BookingID: RecordIdentifier {
    public let objectID: ObjectID

    public init(_ objectID: ObjectID) { self.objectID = objectID }
}

/// Where a booking stands. Legal moves: pending → confirmed | rejected | cancelled,
/// confirmed → completed | cancelled; nothing leaves rejected, cancelled or completed.
public enum BookingStatus: UInt8, NamedValue {
    case pending = 1
    case confirmed = 2
    case rejected = 3
    case cancelled = 4
    case completed = 5

    public var name: String {
        switch self {
        case .pending: "pending"
        case .confirmed: "confirmed"
        case .rejected: "rejected"
        case .cancelled: "cancelled"
        case .completed: "completed"
        }
    }

    /// The states this one may move to.
    public var successors: Set<BookingStatus> {
        switch self {
        case .pending: [.confirmed, .rejected, .cancelled]
        case .confirmed: [.completed, .cancelled]
        case .rejected, .cancelled, .completed: []
        }
    }

    /// Whether a booking in this state keeps its beds (a pending one only until its hold expires).
    var holdsBeds: Bool { self == .pending || self == .confirmed }
}

/// Where a booking's money stands. Legal moves: pending → paid | failed, failed → paid (a retry),
/// paid → refunded | partiallyRefunded, partiallyRefunded → refunded | partiallyRefunded.
public enum PaymentStatus: UInt8, NamedValue {
    case pending = 1
    case paid = 2
    case refunded = 3
    case partiallyRefunded = 4
    case failed = 5

    public var name: String {
        switch self {
        case .pending: "pending"
        case .paid: "paid"
        case .refunded: "refunded"
        case .partiallyRefunded: "partially_refunded"
        case .failed: "failed"
        }
    }

    public var successors: Set<PaymentStatus> {
        switch self {
        case .pending: [.paid, .failed]
        case .failed: [.paid, .failed]
        case .paid: [.refunded, .partiallyRefunded]
        case .partiallyRefunded: [.refunded, .partiallyRefunded]
        case .refunded: []
        }
    }
}

/// The server's price of a stay. Rent is the room's monthly price per bed × beds × nights / 30, rounded
/// half up to the minor unit; the deposit is the room's deposit per bed × beds; the platform's commission
/// is a share of the rent only. The seeker pays rent + deposit.
public struct BookingQuote: Sendable, Equatable, Codable {
    public var nights: Int
    public var beds: Int
    public var rent: Money
    public var securityDeposit: Money
    public var commission: Money
    public var total: Money

    /// - Parameter feeBasisPoints: the commission in hundredths of a percent of the rent (1000 = 10 %).
    public init(price: Money, deposit: Money, nights: Int, beds: Int, feeBasisPoints: Int) {
        self.nights = nights
        self.beds = beds
        rent = Money(minorUnits: Self.divideRoundingHalfUp(price.minorUnits * Int64(beds) * Int64(nights), 30))
        securityDeposit = Money(minorUnits: deposit.minorUnits * Int64(beds))
        commission = Money(minorUnits: Self.divideRoundingHalfUp(rent.minorUnits * Int64(feeBasisPoints), 10_000))
        total = Money(minorUnits: rent.minorUnits + securityDeposit.minorUnits)
    }

    /// A quote as it was computed and stored.
    init(nights: Int, beds: Int, rent: Money, securityDeposit: Money, commission: Money, total: Money) {
        self.nights = nights
        self.beds = beds
        self.rent = rent
        self.securityDeposit = securityDeposit
        self.commission = commission
        self.total = total
    }

    /// `numerator / denominator` rounded half up, for non-negative numbers.
    static func divideRoundingHalfUp(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        (numerator * 2 + denominator) / (denominator * 2)
    }
}

/// One step of a booking's history: who moved it from what to what, when and why.
public struct BookingTransition: Sendable, Equatable {
    public var at: Date
    /// Nil for the system (an expired hold, a provider event).
    public var by: UserID?
    public var from: BookingStatus?
    public var to: BookingStatus
    public var reason: String
}
