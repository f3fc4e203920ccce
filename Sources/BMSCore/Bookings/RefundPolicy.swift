import Foundation

/// What a cancellation gives back, by the property's policy (one table, here):
///
/// | policy   | rent refunded                                   |
/// |----------|-------------------------------------------------|
/// | flexible | all until 24 h before check-in, then none       |
/// | moderate | all until 5 days before check-in, then none     |
/// | strict   | half until 7 days before check-in, then none    |
///
/// The deposit comes back whenever the cancel is before check-in. An owner's cancel refunds everything
/// paid. Check-in is at `checkInHour` on the check-in date in the property's time zone. Nothing is
/// refunded of what was not paid.
public enum RefundPolicy {
    public static let checkInHour = 12

    /// The refund of a cancel at `now`.
    static func refund(for booking: Booking, policy: CancellationPolicy, byOwner: Bool, now: Date) -> Money {
        guard booking.paymentStatus == .paid || booking.paymentStatus == .partiallyRefunded else { return .zero }
        let paid = booking.quote.total.minorUnits - booking.amountRefunded.minorUnits
        if byOwner { return Money(minorUnits: paid) }
        let untilCheckIn = checkInInstant(booking).timeIntervalSince(now)
        guard untilCheckIn > 0 else { return .zero }
        let rent = booking.quote.rent.minorUnits
        let rentBack: Int64 =
            switch policy {
            case .flexible: untilCheckIn >= 24 * 3600 ? rent : 0
            case .moderate: untilCheckIn >= 5 * 24 * 3600 ? rent : 0
            case .strict: untilCheckIn >= 7 * 24 * 3600 ? BookingQuote.divideRoundingHalfUp(rent, 2) : 0
            }
        return Money(minorUnits: min(paid, rentBack + booking.quote.securityDeposit.minorUnits))
    }

    /// Noon (`checkInHour`) of the check-in date in the booking's time zone.
    static func checkInInstant(_ booking: Booking) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: booking.timeZone) ?? .gmt
        let (year, month, day) = booking.checkIn.parts
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: checkInHour))!
    }
}
