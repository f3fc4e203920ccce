import BMSCore

/// Calendar dates as people read them: `5 Dec 2026`, `Sat, 5 Dec 2026` with the weekday. Calendar dates
/// have no time zone: they are already the property's days.
enum DateText {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// 1970-01-01 was a Thursday.
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    static func readable(_ date: CalendarDate) -> String {
        let (year, month, day) = date.parts
        return "\(day) \(months[month - 1]) \(year)"
    }

    static func withWeekday(_ date: CalendarDate) -> String {
        let index = ((Int(date.daysSinceEpoch) % 7) + 7) % 7
        return "\(weekdays[index]), \(readable(date))"
    }
}
