import BMSCore
import Foundation

/// A booking as its pages show it: the place, the stay, where it stands and the money, in rupees and
/// in the property's calendar and time zone.
struct BookingSummary {
    let booking: Booking
    /// The property's name and the room's number, when the viewer may still see them.
    let propertyName: String?
    let roomNumber: String?

    /// Looks up the property and room for `viewer` (a property no longer listed stays unnamed).
    init(_ booking: Booking, listings: ListingService, viewer: User) throws {
        self.booking = booking
        propertyName = try listings.property(booking.propertyID, viewer: viewer)?.property.name
        roomNumber = try listings.room(booking.roomID, viewer: viewer)?.roomNumber
    }

    /// Whether the seeker can pay now: pending, not paid (or a failed attempt), within the hold.
    func payable(at now: Date) -> Bool {
        booking.status == .pending && [.pending, .failed].contains(booking.paymentStatus) && (booking.holdExpiresAt.map { $0 > now } ?? false)
    }

    /// The values of `booking-card` and the booking page.
    func values(now: Date) -> [String: Any] {
        let quote = booking.quote
        var values: [String: Any] = [
            "id": booking.id.description, "href": "/bookings/\(booking.id)",
            "propertyName": propertyName ?? "A property that is no longer listed",
            "propertyHref": propertyName == nil ? "" : "/properties/\(booking.propertyID)",
            "roomText": roomNumber.map { "Room \($0)" } ?? "Room",
            "checkIn": DateText.withWeekday(booking.checkIn), "checkOut": DateText.withWeekday(booking.checkOut),
            "stay": "\(BookingText.count(quote.nights, "night")), \(BookingText.count(quote.beds, "bed"))",
            "status": BookingText.status(booking), "statusName": booking.status.name,
            "payment": BookingText.payment(booking.paymentStatus), "paymentFailed": booking.paymentStatus == .failed,
            "rent": RupeeText.format(quote.rent), "deposit": RupeeText.format(quote.securityDeposit),
            "total": RupeeText.format(quote.total), "policy": BookingText.policy(booking.cancellationPolicy),
            "instantBook": booking.instantBook, "timeZone": booking.timeZone,
            "bookedAt": BookingText.time(booking.createdAt, zone: booking.timeZone),
            "history": booking.history.map { step in
                [
                    "when": BookingText.time(step.at, zone: booking.timeZone),
                    "what": (step.from.map { "\($0.name) → " } ?? "") + step.to.name, "why": step.reason,
                ]
            },
        ]
        if booking.amountRefunded > .zero { values["refunded"] = RupeeText.format(booking.amountRefunded) }
        if !booking.specialRequests.isEmpty { values["specialRequests"] = booking.specialRequests }
        if payable(at: now), let hold = booking.holdExpiresAt {
            values["payable"] = true
            values["holdUntil"] = BookingText.time(hold, zone: booking.timeZone)
        }
        return values
    }
}
