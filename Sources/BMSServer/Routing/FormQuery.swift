import BMSStore
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

    /// A malformed escape (`%zz`, or escapes that do not spell UTF-8) leaves the text as written, `+` still
    /// read as a space, for validation to refuse with the parameter's name. Decoded byte by byte: Foundation's
    /// `replacingOccurrences` and `removingPercentEncoding` go through `NSString` here, and took 6 % of a
    /// search answer's server time.
    static func decode(_ text: Substring) -> String {
        let utf8 = Array(text.utf8).map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            guard utf8[index] == UInt8(ascii: "%") else {
                bytes.append(utf8[index])
                index += 1
                continue
            }
            guard index + 2 < utf8.count, let high = Hex.value(utf8[index + 1]), let low = Hex.value(utf8[index + 2]) else {
                return String(decoding: utf8, as: UTF8.self)
            }
            bytes.append(high << 4 | low)
            index += 3
        }
        return String(validating: bytes, as: UTF8.self) ?? String(decoding: utf8, as: UTF8.self)
    }
}
