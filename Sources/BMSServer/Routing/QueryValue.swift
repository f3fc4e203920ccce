import BMSCore
import BMSStore
import Hummingbird

/// Typed query parameters. An empty value (`?role=`) counts as absent, so a form can submit every
/// filter; a value that does not parse is a 422 naming the parameter.
enum QueryValue {
    static func text(_ parameters: Parameters, _ name: String) -> String? {
        guard let value = parameters[Substring(name)], !value.isEmpty else { return nil }
        return String(value)
    }

    static func integer(_ parameters: Parameters, _ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = text(parameters, name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .validationFailed([name: "must be an integer \(range.lowerBound)…\(range.upperBound)"])
        }
        return value
    }

    /// `limit` of a paged list: 1…100, `default` when absent.
    static func pageLimit(_ parameters: Parameters, default defaultLimit: Int = 20) throws(APIError) -> Int {
        try integer(parameters, "limit", in: 1...100) ?? defaultLimit
    }

    static func boolean(_ parameters: Parameters, _ name: String) throws(APIError) -> Bool? {
        guard let text = text(parameters, name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .validationFailed([name: "must be true or false"])
        }
    }

    static func oneOf<T: RawRepresentable & CaseIterable>(_ parameters: Parameters, _ name: String, _ type: T.Type) throws(APIError) -> T?
    where T.RawValue == String {
        guard let text = text(parameters, name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw .validationFailed([name: "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        return value
    }

    /// A name of a closed vocabulary (`pending`, `PG`), in any case.
    static func named<T: NamedValue>(_ parameters: Parameters, _ name: String, _ type: T.Type) throws(APIError) -> T? {
        guard let text = text(parameters, name) else { return nil }
        guard let value = T(name: text) else {
            throw .validationFailed([name: "must be one of " + T.allCases.map(\.name).joined(separator: ", ")])
        }
        return value
    }

    /// A calendar date, YYYY-MM-DD.
    static func date(_ parameters: Parameters, _ name: String) throws(APIError) -> CalendarDate? {
        guard let text = text(parameters, name) else { return nil }
        guard let date = CalendarDate(text) else { throw .validationFailed([name: "must be a date YYYY-MM-DD"]) }
        return date
    }

    /// A record id (24 hex digits), such as the `before`/`after` anchor of a page.
    static func objectID(_ parameters: Parameters, _ name: String) throws(APIError) -> ObjectID? {
        guard let text = text(parameters, name) else { return nil }
        guard let id = ObjectID(text) else { throw .validationFailed([name: "must be an id (24 hex digits) from an earlier page"]) }
        return id
    }
}
