import BMSCore

/// A booking as its seeker, its owner and admins see it: amounts in minor units of `currency`, stay dates
/// as YYYY-MM-DD, states by name, and its history oldest first.
struct BookingResponse: Encodable, Sendable {
    /// One step of the history; `by` and `from` are null for the system and for the first step.
    struct Transition: Encodable, Sendable {
        let at: String
        @Nullable var by: String?
        @Nullable var from: String?
        let to: String
        let reason: String
    }

    let id: String
    let seekerId: String
    let ownerId: String
    let propertyId: String
    let roomId: String
    let checkInDate: String
    /// The check-out day: not itself a night of the stay.
    let checkOutDate: String
    let nights: Int
    let beds: Int
    let rent: Int64
    let securityDeposit: Int64
    /// The platform's share of the rent: kept from the owner's payout, not added to what the seeker pays.
    let platformCommission: Int64
    /// What the seeker pays: rent + security deposit.
    let totalAmount: Int64
    let currency: String
    let bookingStatus: String
    let paymentStatus: String
    /// Until when a pending booking keeps its beds; null once confirmed or ended.
    @Nullable var holdExpiresAt: String?
    let paymentMethod: String
    let specialRequests: String
    @Nullable var paymentIntentId: String?
    let amountRefunded: Int64
    /// What the booking's end entitles the seeker to get back and is yet to be refunded (minor units).
    let refundDue: Int64
    /// The property's policy and switches when it was booked: what the seeker agreed to.
    let cancellationPolicy: String
    let instantBook: Bool
    let timeZone: String
    let history: [Transition]
    let createdAt: String
    let updatedAt: String

    init(_ booking: Booking) {
        id = booking.id.description
        seekerId = booking.seekerID.description
        ownerId = booking.ownerID.description
        propertyId = booking.propertyID.description
        roomId = booking.roomID.description
        checkInDate = booking.checkIn.description
        checkOutDate = booking.checkOut.description
        nights = booking.nights
        beds = booking.beds
        rent = booking.quote.rent.minorUnits
        securityDeposit = booking.quote.securityDeposit.minorUnits
        platformCommission = booking.quote.commission.minorUnits
        totalAmount = booking.quote.total.minorUnits
        currency = RoomResponse.currency
        bookingStatus = booking.status.name
        paymentStatus = booking.paymentStatus.name
        holdExpiresAt = booking.holdExpiresAt.map(UserResponse.timestamp)
        paymentMethod = booking.paymentMethod
        specialRequests = booking.specialRequests
        paymentIntentId = booking.paymentIntentID
        amountRefunded = booking.amountRefunded.minorUnits
        refundDue = booking.refundDue.minorUnits
        cancellationPolicy = booking.cancellationPolicy.name
        instantBook = booking.instantBook
        timeZone = booking.timeZone
        history = booking.history.map {
            Transition(at: UserResponse.timestamp($0.at), by: $0.by?.description, from: $0.from?.name, to: $0.to.name, reason: $0.reason)
        }
        createdAt = UserResponse.timestamp(booking.createdAt)
        updatedAt = UserResponse.timestamp(booking.updatedAt)
    }
}

/// `{ "booking": … }`, for answers about one booking.
struct BookingEnvelope: Encodable, Sendable {
    let booking: BookingResponse

    init(_ booking: Booking) { self.booking = BookingResponse(booking) }
}

/// A page of bookings, in the order the route says.
struct BookingList: Encodable, Sendable {
    let bookings: [BookingResponse]
    /// Pass back (as `before` or `after`, as the route says) for the next page; null on the last page.
    @Nullable var nextCursor: String?

    init(_ bookings: [Booking], limit: Int) {
        self.bookings = bookings.map(BookingResponse.init)
        nextCursor = PageCursor.next(bookings, limit: limit) { $0.id.description }
    }
}

/// What cancelling gives back, by the booking's policy: shown before the cancel, and answered with it.
struct RefundResponse: Encodable, Sendable {
    let bookingId: String
    let cancellationPolicy: String
    /// True when the owner (or an admin for them) cancels: everything paid comes back.
    let byOwner: Bool
    /// What has been paid and not refunded yet.
    let amountPaid: Int64
    let refundAmount: Int64
    let currency: String

    init(_ quote: CancellationQuote) {
        bookingId = quote.booking.description
        cancellationPolicy = quote.policy.name
        byOwner = quote.byOwner
        amountPaid = quote.paid.minorUnits
        refundAmount = quote.refund.minorUnits
        currency = RoomResponse.currency
    }
}

/// `{ "refund": … }`: the answer of `GET /api/bookings/:id/cancellation-quote`.
struct RefundEnvelope: Encodable, Sendable {
    let refund: RefundResponse
}

/// The answer of `POST /api/bookings/:id/cancel`: the cancelled booking and its refund.
struct CancellationResponse: Encodable, Sendable {
    let booking: BookingResponse
    let refund: RefundResponse
}

/// The server's price of a stay, as `GET /api/rooms/:id/quote` answers it and a 409 `price_changed`
/// carries it in `error.quote`.
struct QuoteResponse: Encodable, Sendable {
    let nights: Int
    let beds: Int
    let rent: Int64
    let securityDeposit: Int64
    /// The platform's share of the rent: kept from the owner's payout, not added to what the seeker pays.
    let commission: Int64
    /// What the seeker pays: rent + security deposit. Send it as the booking's `totalAmount`.
    let total: Int64
    let currency: String

    init(_ quote: BookingQuote) {
        nights = quote.nights
        beds = quote.beds
        rent = quote.rent.minorUnits
        securityDeposit = quote.securityDeposit.minorUnits
        commission = quote.commission.minorUnits
        total = quote.total.minorUnits
        currency = RoomResponse.currency
    }
}

/// The booking form's live quote: the stay asked about and its price.
struct StayQuoteResponse: Encodable, Sendable {
    let roomId: String
    let checkInDate: String
    let checkOutDate: String
    let quote: QuoteResponse
}
