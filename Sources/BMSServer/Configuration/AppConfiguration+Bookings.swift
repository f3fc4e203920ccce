import BMSCore

extension AppConfiguration {
    /// The bookings domain's settings: `BOOKING_HOLD_MINUTES`, `OWNER_RESPONSE_HOURS`, `PLATFORM_FEE_BPS`
    /// and `MIN_STAY_NIGHTS`.
    public var bookingSettings: BookingSettings {
        var settings = BookingSettings()
        settings.holdDuration = .seconds(bookingHoldMinutes * 60)
        settings.ownerResponseTime = .seconds(ownerResponseHours * 3600)
        settings.feeBasisPoints = platformFeeBasisPoints
        settings.minimumNights = minimumStayNights
        return settings
    }
}
