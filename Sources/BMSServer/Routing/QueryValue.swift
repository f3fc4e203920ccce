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
}
