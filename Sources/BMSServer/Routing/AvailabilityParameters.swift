import BMSCore
import Hummingbird

/// `GET /api/rooms/:id/availability`'s query string: `from` and `to` (YYYY-MM-DD), both required, and
/// nothing else. Every problem is named at once, so a misspelt `form=` is reported rather than ignored.
enum AvailabilityParameters {
    static let names: Set<String> = ["from", "to"]

    static func parse(_ parameters: Parameters) throws(APIError) -> (from: CalendarDate, to: CalendarDate) {
        var problems: [String: String] = [:]
        for (name, _) in parameters where !names.contains(String(name)) {
            problems[String(name)] = "is not a parameter here; known: " + names.sorted().joined(separator: ", ")
        }
        func date(_ name: String) -> CalendarDate? {
            guard let text = QueryValue.text(parameters, name) else {
                problems[name] = "is required"
                return nil
            }
            guard parameters[values: Substring(name)].count == 1 else {
                problems[name] = "is given more than once"
                return nil
            }
            guard let date = CalendarDate(text) else {
                problems[name] = "must be a date YYYY-MM-DD"
                return nil
            }
            return date
        }
        let from = date("from")
        let to = date("to")
        guard problems.isEmpty, let from, let to else { throw .validationFailed(problems) }
        return (from, to)
    }
}
