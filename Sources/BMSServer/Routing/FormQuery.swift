import Foundation

/// The query string as a form sends it (`application/x-www-form-urlencoded`): every pair in order,
/// repeats kept, names and values decoded, `+` read as a space (`city=New+Delhi`). Hummingbird's
/// `queryParameters` decodes values but neither names nor `+`.
enum FormQuery {
    /// - Parameter query: the raw query string (`request.uri.query`), without the `?`.
    static func items(_ query: String?) -> [(name: String, value: String)] {
        guard let query else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count == 2 ? decode(parts[1]) : "")
        }
    }

    /// A malformed escape (`%zz`) is kept as written, for validation to refuse with the parameter's name.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
