import Foundation

/// Builds a query string for links the pages make (next page, property with the chosen dates):
/// names and values percent-encoded so that a city such as "New Delhi" or an `&` in a text search
/// survives the trip.
enum QueryString {
    /// RFC 3986's unreserved characters, ASCII only (`CharacterSet.alphanumerics` would let `é` through).
    private static let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// - Parameter items: (name, value) pairs in order.
    static func encode(_ items: [(String, String)]) -> String {
        items.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    fileprivate static func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
}

extension QueryString {
    /// A value as one path segment (a token from a link).
    static func escapePathSegment(_ text: String) -> String { escape(text) }
}
