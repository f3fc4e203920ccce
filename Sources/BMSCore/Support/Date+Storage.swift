import BMSStore
import Foundation

extension Date {
    /// This time cut to whole microseconds, the precision the store keeps, so that a value read back
    /// from the store equals the one that was written.
    var truncatedToMicroseconds: Date {
        Date(timeIntervalSince1970: Double(storedMicroseconds) / 1_000_000)
    }

    func adding(_ duration: Duration) -> Date { addingTimeInterval(duration.timeInterval) }
}

extension Duration {
    /// Seconds as a `TimeInterval`, for date arithmetic.
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Whole seconds, rounded up, from a time interval; what a Retry-After header wants.
    static func secondsRoundedUp(_ interval: TimeInterval) -> Duration {
        .seconds(Int64(max(1, interval.rounded(.up))))
    }
}
