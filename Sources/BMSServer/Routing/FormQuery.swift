import BMSStore
import Foundation

/// The query string as a form sends it (`application/x-www-form-urlencoded`): every pair in order,
/// repeats kept, names and values decoded, `+` read as a space (`city=New+Delhi`). Hummingbird's
/// `queryParameters` decodes values but neither names nor `+`.
enum FormQuery {
    /// - Parameter query: the raw query string (`request.uri.query`), without the `?`.
    ///
    /// Split on its bytes, as the form encoding defines it (and ten times faster than splitting the
    /// string's characters, which search answers paid for).
    static func items(_ query: String?) -> [(name: String, value: String)] {
        guard var query else { return [] }
        return query.withUTF8 { utf8 in
            utf8.split(separator: UInt8(ascii: "&")).map { pair in
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                return (decode(pair[..<(equals ?? pair.endIndex)]), equals.map { decode(pair[($0 + 1)...]) } ?? "")
            }
        }
    }

    /// A malformed escape (`%zz`, or escapes that do not spell UTF-8) leaves the text as written, `+` still
    /// read as a space, for validation to refuse with the parameter's name. Decoded byte by byte: Foundation's
    /// `replacingOccurrences` and `removingPercentEncoding` go through `NSString` here, and took 6 % of a
    /// search answer's server time. Text without `%` or `+`, most names and values, is taken as it is.
    static func decode(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        let (percent, plus) = (UInt8(ascii: "%"), UInt8(ascii: "+"))
        guard utf8.contains(where: { $0 == percent || $0 == plus }) else { return String(decoding: utf8, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index < utf8.endIndex {
            guard utf8[index] == percent else {
                bytes.append(utf8[index] == plus ? UInt8(ascii: " ") : utf8[index])
                index += 1
                continue
            }
            guard index + 2 < utf8.endIndex, let high = Hex.value(utf8[index + 1]), let low = Hex.value(utf8[index + 2]) else {
                return asWritten(utf8)
            }
            bytes.append(high << 4 | low)
            index += 3
        }
        return String(validating: bytes, as: UTF8.self) ?? asWritten(utf8)
    }

    /// The text with `+` read as a space and every escape left as written.
    private static func asWritten(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: utf8.lazy.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
