/// The body of `POST /api/bookings`, as sent.
public struct BookingForm: Sendable, Codable, Hashable {
    /// Must be the authenticated user when given.
    public var seekerId: String?
    public var propertyId: String?
    public var roomId: String?
    public var checkInDate: String?
    public var checkOutDate: String?
    public var beds: Int?
    /// What the client expects to pay; a different server total is a 409 with the quote.
    public var totalAmount: Int64?
    public var paymentMethod: String?
    public var specialRequests: String?

    public init(
        seekerId: String? = nil, propertyId: String? = nil, roomId: String? = nil, checkInDate: String? = nil,
        checkOutDate: String? = nil, beds: Int? = nil, totalAmount: Int64? = nil, paymentMethod: String? = nil,
        specialRequests: String? = nil
    ) {
        self.seekerId = seekerId
        self.propertyId = propertyId
        self.roomId = roomId
        self.checkInDate = checkInDate
        self.checkOutDate = checkOutDate
        self.beds = beds
        self.totalAmount = totalAmount
        self.paymentMethod = paymentMethod
        self.specialRequests = specialRequests
    }
}

/// How the bookings domain is configured; the server fills it from the environment.
public struct BookingSettings: Sendable {
    /// `BOOKING_HOLD_MINUTES`: how long a pending, unpaid booking keeps its beds.
    public var holdDuration: Duration = .seconds(30 * 60)
    /// `OWNER_RESPONSE_HOURS`: how long a paid booking of an approval-required property waits for the owner.
    public var ownerResponseTime: Duration = .seconds(24 * 3600)
    /// `PLATFORM_FEE_BPS`: the platform's commission on rent, in hundredths of a percent.
    public var feeBasisPoints = 1000
    /// `MIN_STAY_NIGHTS`: the shortest stay.
    public var minimumNights = 1
    public static let maximumNights = 365

    public init() {}
}
