/// Everything the bookings domain refuses, as typed cases; the HTTP layer maps them in one place.
public enum BookingError: Error, Sendable, Equatable {
    /// 422: field → message.
    case validation([String: String])
    /// 404: no such booking, room or property, or one the caller may not see.
    case notFound
    /// 403: not the booking's seeker, its property's owner nor an admin, or the wrong one of them.
    case forbidden
    /// 409: the room has not enough free beds on these nights (the first full night is named).
    case unavailable(firstFullNight: CalendarDate?, reason: String)
    /// 409: the client's expected total differs from the server's price; the current quote is attached.
    case priceChanged(BookingQuote)
    /// 409: the move is not allowed from the booking's current state, which is named.
    case illegalTransition(from: BookingStatus, to: BookingStatus)
    /// 409: the stay ended on this check-out date; it can no longer be cancelled.
    case stayEnded(CalendarDate)
    /// 409: the move needs another payment state (confirming an unpaid booking).
    case paymentState(PaymentStatus, expected: String)
    /// 422, field "Idempotency-Key": the key was used before with a different request body.
    case idempotencyKeyReused
}
