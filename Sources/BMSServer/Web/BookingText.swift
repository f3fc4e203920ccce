import BMSCore
import Foundation

/// A booking's states, policy and times in the words its pages use.
enum BookingText {
    /// Where the booking stands, as the seeker and the owner read it.
    static func status(_ booking: Booking) -> String {
        switch booking.status {
        case .pending where booking.paymentStatus == .paid: "Paid, waiting for the owner to confirm"
        case .pending: "Waiting for payment"
        case .confirmed: "Confirmed"
        case .rejected: "Declined by the owner"
        case .cancelled: "Cancelled"
        case .completed: "Stay completed"
        }
    }

    static func payment(_ status: PaymentStatus) -> String {
        switch status {
        case .pending: "Not paid yet"
        case .paid: "Paid"
        case .failed: "Payment failed"
        case .refunded: "Refunded"
        case .partiallyRefunded: "Partly refunded"
        }
    }

    /// The cancellation policy as `RefundPolicy` applies it.
    static func policy(_ policy: CancellationPolicy) -> String {
        let rule =
            switch policy {
            case .flexible: "Flexible: the rent comes back in full if you cancel at least 24 hours before check-in."
            case .moderate: "Moderate: the rent comes back in full if you cancel at least 5 days before check-in."
            case .strict: "Strict: half the rent comes back if you cancel at least 7 days before check-in."
            }
        return rule + " The deposit comes back whenever you cancel before check-in (noon, \(RefundPolicy.checkInHour):00, on the check-in day)."
    }

    /// `5 Dec 2026, 14:05 (Asia/Kolkata)`: an instant in the property's own time zone.
    static func time(_ date: Date, zone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let clock = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return "\(DateText.readable(CalendarDate(date, inZone: zone))), \(clock) (\(zone))"
    }

    /// `2 nights`, `1 bed`.
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
