import Foundation

/// A strict reader of the Prometheus text exposition format 0.0.4, to prove `/metrics` is well formed:
/// `# HELP` and `# TYPE` lines, then `name{label="value",…} value` samples of declared families, and
/// histograms with ascending `le` buckets ending in `+Inf`, cumulative counts, `_sum` and `_count`.
struct PrometheusText {
    struct Sample: Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var types: [String: String] = [:]
    private(set) var help: [String: String] = [:]
    private(set) var samples: [Sample] = []

    init(_ text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Invalid(description: "the text must end with a newline") }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            try read(String(line))
        }
        try checkHistograms()
    }

    /// The value of the sample with exactly these labels.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private mutating func read(_ line: String) throws {
        if line.hasPrefix("# HELP ") {
            let rest = line.dropFirst(7)
            guard let space = rest.firstIndex(of: " ") else { throw Invalid(description: "HELP without text: \(line)") }
            let name = String(rest[..<space])
            try Self.checkName(name, line)
            guard help[name] == nil, types[name] == nil else { throw Invalid(description: "HELP after TYPE or twice: \(line)") }
            help[name] = String(rest[rest.index(after: space)...])
        } else if line.hasPrefix("# TYPE ") {
            let parts = line.dropFirst(7).split(separator: " ")
            guard parts.count == 2, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[1]) else {
                throw Invalid(description: "bad TYPE line: \(line)")
            }
            try Self.checkName(String(parts[0]), line)
            guard types[String(parts[0])] == nil else { throw Invalid(description: "TYPE declared twice: \(line)") }
            types[String(parts[0])] = String(parts[1])
        } else if line.hasPrefix("#") || line.isEmpty {
            throw Invalid(description: "unexpected line: \"\(line)\"")
        } else {
            samples.append(try Self.sample(line))
            guard family(of: samples.last!.name) != nil else { throw Invalid(description: "sample of an undeclared family: \(line)") }
        }
    }

    /// The declared family a sample name belongs to (histograms add `_bucket`, `_sum`, `_count`).
    func family(of name: String) -> String? {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return nil
    }

    private static func sample(_ line: String) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        try checkName(name, line)
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                guard !label.isEmpty, label.first?.isNumber == false else { throw Invalid(description: "bad label name in \(line)") }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw Invalid(description: "label without =\" in \(line)") }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw Invalid(description: "bad escape in \(line)")
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw Invalid(description: "unterminated label value in \(line)") }
                rest = rest.dropFirst()
                guard labels[label] == nil else { throw Invalid(description: "label \(label) twice in \(line)") }
                labels[label] = value
                if rest.first == "," {
                    rest = rest.dropFirst()
                } else if rest.first != "}" {
                    throw Invalid(description: "expected , or } in \(line)")
                }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw Invalid(description: "no space before the value in \(line)") }
        let fields = rest.dropFirst().split(separator: " ")
        guard (1...2).contains(fields.count), let value = Self.number(String(fields[0])) else {
            throw Invalid(description: "bad value in \(line)")
        }
        if fields.count == 2, Int64(fields[1]) == nil { throw Invalid(description: "bad timestamp in \(line)") }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    private static func checkName(_ name: String, _ line: String) throws {
        guard let first = name.first, first.isLetter || first == "_" || first == ":",
            name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == ":" })
        else { throw Invalid(description: "bad metric name \"\(name)\" in \(line)") }
    }

    /// Every histogram series: buckets ascending by `le`, ending in `+Inf`, counts never decreasing,
    /// `+Inf` equal to `_count`, and a `_sum`.
    private func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            let buckets = samples.filter { $0.name == family + "_bucket" }
            let series = Dictionary(grouping: buckets) { $0.labels.filter { $0.key != "le" } }
            for (labels, buckets) in series {
                let bounds = try buckets.map { bucket -> Double in
                    guard let le = bucket.labels["le"], let bound = Self.number(le) else {
                        throw Invalid(description: "\(family) bucket without a numeric le: \(bucket)")
                    }
                    return bound
                }
                guard bounds == bounds.sorted(), Set(bounds).count == bounds.count, bounds.last == .infinity else {
                    throw Invalid(description: "\(family)\(labels): le not ascending to +Inf: \(bounds)")
                }
                let counts = buckets.map(\.value)
                guard counts == counts.sorted() else { throw Invalid(description: "\(family)\(labels): counts not cumulative") }
                guard let count = value(family + "_count", labels), count == counts.last else {
                    throw Invalid(description: "\(family)\(labels): _count missing or not equal to the +Inf bucket")
                }
                guard value(family + "_sum", labels) != nil else { throw Invalid(description: "\(family)\(labels): no _sum") }
            }
        }
    }
}
