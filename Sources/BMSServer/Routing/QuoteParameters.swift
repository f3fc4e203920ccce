import BMSCore
import Hummingbird

/// `GET /api/rooms/:id/quote`'s query string: `from` and `to` as for availability (`to` is the check-out
/// day), `beds` (default 1), and nothing else. The stay must be as long as a booking may be, so the form
/// shows no price for a stay it cannot book; every problem is named at once.
enum QuoteParameters {
    static let names: Set<String> = ["from", "to", "beds"]
    /// The most beds a room may have (BMSCore's `ListingRules.maximumCapacity`, which is not public); the
    /// room's own capacity is checked once it is found.
    static let maximumBeds = 100

    /// - Parameter minimumNights: `MIN_STAY_NIGHTS`.
    static func parse(_ parameters: Parameters, minimumNights: Int) throws(APIError) -> (from: CalendarDate, to: CalendarDate, beds: Int) {
        var problems = AvailabilityParameters.unknown(parameters, known: names)
        let stay = AvailabilityParameters.dates(parameters, &problems)
        if let stay, !(minimumNights...BookingSettings.maximumNights).contains(stay.from.nights(until: stay.to)) {
            problems["to"] =
                stay.to > stay.from
                ? "the stay must be \(minimumNights) to \(BookingSettings.maximumNights) nights" : "must be after from"
        }
        var beds = 1
        if parameters[values: "beds"].count > 1 {
            problems["beds"] = "is given more than once"
        } else {
            do {
                beds = try QueryValue.integer(parameters, "beds", in: 1...maximumBeds) ?? 1
            } catch {
                problems.merge(error.fields ?? [:]) { first, _ in first }
            }
        }
        guard problems.isEmpty, let stay else { throw .validationFailed(problems) }
        return (stay.from, stay.to, beds)
    }
}
