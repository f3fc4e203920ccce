import BMSCore
import Logging

/// Refunds what a booking change (a cancel, an owner's rejection) made due at once rather than at the
/// next `settle-payments` round, for the API and the web pages alike. The change itself is committed
/// already: a provider failure is logged and left to that round.
struct ImmediateRefund: Sendable {
    let bookings: BookingService
    let payments: PaymentService

    /// The booking as it stands after the refund (or as given when nothing was due or the refund failed).
    func settle(_ booking: Booking, viewer: User, logger: Logger) async -> Booking {
        guard booking.refundDue > .zero else { return booking }
        do {
            try await payments.settleRefund(booking.id)
            return try bookings.booking(booking.id, viewer: viewer) ?? booking
        } catch {
            logger.warning(
                "refund left for the settle-payments job",
                metadata: ["booking": .string(booking.id.description), "error": .string(String(describing: error))])
            return booking
        }
    }
}
