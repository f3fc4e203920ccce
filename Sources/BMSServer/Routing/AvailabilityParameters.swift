import BMSCore
import Hummingbird

/// `GET /api/rooms/:id/availability`'s query string: `from` and `to` (YYYY-MM-DD), both required, and
/// nothing else. Every problem is named at once, so a misspelt `form=` is reported rather than ignored.
enum AvailabilityParameters {
    static let names: Set<String> = ["from", "to"]

    static func parse(_ parameters: Parameters) throws(APIError) -> (from: CalendarDate, to: CalendarDate) {
        var problems = unknown(parameters, known: names)
        let stay = dates(parameters, &problems)
        guard problems.isEmpty, let stay else { throw .validationFailed(problems) }
        return stay
    }

    /// A problem for every parameter whose name is not in `known`.
    static func unknown(_ parameters: Parameters, known: Set<String>) -> [String: String] {
        var problems: [String: String] = [:]
        for (name, _) in parameters where !known.contains(String(name)) {
            problems[String(name)] = "is not a parameter here; known: " + known.sorted().joined(separator: ", ")
        }
        return problems
    }

    /// `from` and `to`, each required once as YYYY-MM-DD; nil after noting each problem in `problems`.
    static func dates(_ parameters: Parameters, _ problems: inout [String: String]) -> (from: CalendarDate, to: CalendarDate)? {
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
        guard let from, let to else { return nil }
        return (from, to)
    }
}
