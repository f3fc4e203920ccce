import BMSStore
import Foundation

/// A seeker's booking of beds in a room for a range of nights, with its price, money and history.
public struct Booking: Sendable, Equatable {
    public let id: BookingID
    public let seekerID: UserID
    public let ownerID: UserID
    public let propertyID: PropertyID
    public let roomID: RoomID
    public let checkIn: CalendarDate
    public let checkOut: CalendarDate
    public let quote: BookingQuote
    /// The property's zone and policy when it was booked: what the seeker agreed to.
    public let timeZone: String
    public let cancellationPolicy: CancellationPolicy
    public let instantBook: Bool
    public var status: BookingStatus
    public var paymentStatus: PaymentStatus
    /// Until when a pending booking keeps its beds; nil once confirmed (or ended).
    public var holdExpiresAt: Date?
    public var paymentMethod: String
    public var specialRequests: String
    public var paymentIntentID: String?
    public var amountRefunded: Money
    /// What the booking's end entitles the seeker to get back and the payments domain has yet to refund:
    /// the cancellation refund shown before the cancel, or everything paid when a paid booking is
    /// rejected, expires unanswered or was paid too late.
    public var refundDue: Money = .zero
    public var history: [BookingTransition]
    public let createdAt: Date
    public var updatedAt: Date

    public var beds: Int { quote.beds }
    public var nights: Int { quote.nights }

    /// Whether it holds beds at `now`: confirmed, or pending within its hold.
    public func holdsBeds(at now: Date) -> Bool {
        status == .confirmed || (status == .pending && (holdExpiresAt.map { $0 > now } ?? false))
    }
}
