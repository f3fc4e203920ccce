import BMSCore
import Hummingbird

/// The check-in and check-out dates a page was asked about (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), checked
/// the way availability checks them. Both empty means no dates were chosen, which is not a problem.
struct StayDates: Sendable {
    var from: String
    var to: String
    var stay: (from: CalendarDate, to: CalendarDate)?
    /// Problems by field, `from` and `to`.
    var problems: [String: String] = [:]

    init(_ parameters: Parameters) {
        self.init(from: parameters["from"].map(String.init) ?? "", to: parameters["to"].map(String.init) ?? "")
    }

    init(from: String, to: String) {
        self.from = from
        self.to = to
        if from.isEmpty, to.isEmpty { return }
        let checkIn = CalendarDate(from)
        let checkOut = CalendarDate(to)
        if checkIn == nil { problems["from"] = from.isEmpty ? "is required with a check-out date" : "must be a date" }
        if checkOut == nil { problems["to"] = to.isEmpty ? "is required with a check-in date" : "must be a date" }
        guard let checkIn, let checkOut else { return }
        let nights = checkIn.nights(until: checkOut)
        if nights < 1 {
            problems["to"] = "must be after the check-in date"
        } else if nights > ListingService.availabilityNightLimit {
            problems["to"] = "must be at most \(ListingService.availabilityNightLimit) nights after check-in"
        } else {
            stay = (checkIn, checkOut)
        }
    }

    /// `from=…&to=…` for links, or nil without a valid stay.
    var query: String? {
        stay.map { QueryString.encode([("from", $0.from.description), ("to", $0.to.description)]) }
    }
}
