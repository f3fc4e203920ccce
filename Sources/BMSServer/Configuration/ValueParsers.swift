import Foundation
import Logging

/// The parsers for configuration values. Each returns the value or says what it expected.
enum ValueParsers {
    /// A decimal integer within `range`.
    static func integer(in range: ClosedRange<Int>) -> (String) -> Result<Int, ValueProblem> {
        { text in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                let upper = range.upperBound == .max ? "or more" : "…\(range.upperBound)"
                return .failure(ValueProblem("an integer \(range.lowerBound)\(upper)"))
            }
            return .success(value)
        }
    }

    /// A byte count: plain bytes (`1048576`) or with a binary unit (`1MiB`, `64GiB`; `K`, `M`, `G`, `T`
    /// are read as KiB, MiB, GiB, TiB). At least `minimum`.
    static func byteCount(minimum: Int) -> (String) -> Result<Int, ValueProblem> {
        { text in
            let problem = ValueProblem("a number of bytes of at least \(minimum), such as 1048576 or 1MiB")
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
            let shifts: [String: Int] = [
                "": 0, "b": 0, "k": 10, "kib": 10, "m": 20, "mib": 20, "g": 30, "gib": 30, "t": 40, "tib": 40,
            ]
            guard let count = Int(digits), let shift = shifts[unit] else { return .failure(problem) }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: 1 << shift)
            guard !overflow, bytes >= minimum else { return .failure(problem) }
            return .success(bytes)
        }
    }

    /// `true`/`false` and the usual spellings (`1`/`0`, `yes`/`no`, `on`/`off`).
    static func boolean(_ text: String) -> Result<Bool, ValueProblem> {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": .success(true)
        case "0", "false", "no", "off": .success(false)
        default: .failure(ValueProblem("true or false"))
        }
    }

    /// One of a fixed set of words, case-insensitive.
    static func oneOf<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> (String) -> Result<T, ValueProblem>
    where T.RawValue == String {
        { text in
            if let value = T(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) { return .success(value) }
            return .failure(ValueProblem("one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
        }
    }

    /// A swift-log level name.
    static func logLevel(_ text: String) -> Result<Logger.Level, ValueProblem> {
        if let level = Logger.Level(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) {
            return .success(level)
        }
        return .failure(ValueProblem("one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")))
    }

    /// An absolute `http` or `https` URL with a host, such as `https://rooms.example.com`.
    static func publicURL(_ text: String) -> Result<URL, ValueProblem> {
        let problem = ValueProblem("an absolute http:// or https:// URL such as https://rooms.example.com")
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, let url = components.url
        else { return .failure(problem) }
        return .success(url)
    }

    /// A host name or address to listen on: not empty, no spaces or slashes.
    static func host(_ text: String) -> Result<String, ValueProblem> {
        let invalid = text.isEmpty || text.contains { $0.isWhitespace || $0 == "/" }
        return invalid ? .failure(ValueProblem("a host name or IP address such as 127.0.0.1")) : .success(text)
    }

    /// A non-empty path.
    static func path(_ text: String) -> Result<String, ValueProblem> {
        text.isEmpty ? .failure(ValueProblem("a path")) : .success(text)
    }

    /// A secret of at least `minimumBytes` bytes of UTF-8, taken as it is (no trimming: every byte counts).
    static func secret(minimumBytes: Int) -> (String) -> Result<[UInt8], ValueProblem> {
        { text in
            let bytes = Array(text.utf8)
            guard bytes.count >= minimumBytes else {
                // The secret itself is never echoed: only its length.
                return .failure(ValueProblem("at least \(minimumBytes) bytes (e.g. `openssl rand -hex 32`); it has \(bytes.count)", echo: false))
            }
            return .success(bytes)
        }
    }

    /// An `smtp://` or `smtps://` URL with a host, such as `smtps://user:pass@mail.example.com:465`.
    static func smtpURL(_ text: String) -> Result<URL, ValueProblem> {
        let problem = ValueProblem("an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com:465", echo: false)
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps",
            let host = components.host, !host.isEmpty, let url = components.url
        else { return .failure(problem) }
        return .success(url)
    }

    /// A provider key with one of `prefixes` ("sk_", "whsec_"); never echoed.
    static func key(prefixes: [String], example: String) -> (String) -> Result<String, ValueProblem> {
        { text in
            let key = text.trimmingCharacters(in: .whitespaces)
            guard key.count > 8, prefixes.contains(where: key.hasPrefix), !key.contains(where: \.isWhitespace) else {
                return .failure(ValueProblem("a key starting with \(prefixes.joined(separator: " or ")) such as \(example)", echo: false))
            }
            return .success(key)
        }
    }
}
