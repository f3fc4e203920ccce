import Foundation

/// The words a property is found by in text search, each with a weight by where it occurs (name 3,
/// locality and city 2, description 1), folded (`TextFolding`) so that "koramangala" finds "Koramangala"
/// and "cafe" finds "Café".
enum TextTokens {
    static let maximumLength = 40
    static let maximumTerms = 8

    /// Token → its highest weight in the property.
    static func of(_ property: Property) -> [String: Int] {
        var weights: [String: Int] = [:]
        func add(_ text: String, weight: Int) {
            for word in words(of: text) { weights[word] = max(weights[word] ?? 0, weight) }
        }
        add(property.description, weight: 1)
        add(property.address.locality, weight: 2)
        add(property.address.city, weight: 2)
        add(property.name, weight: 3)
        return weights
    }

    /// A query's terms: every word must match a token exactly, except the last, which matches any token
    /// it begins ("furn" finds "furnished").
    static func terms(of query: String) -> [String] {
        Array(words(of: query).prefix(maximumTerms))
    }

    /// Runs of letters and digits, folded and cut to `maximumLength`.
    static func words(of text: String) -> [String] {
        TextFolding.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { String($0.prefix(maximumLength)) }
    }
}
