import Foundation
import Logging

/// A swift-log handler that writes each event as one line: a JSON object (`time`, `level`, `message`,
/// `label`, `metadata`) for log collectors, or `time LEVEL message key=value` for a terminal.
///
/// One line per event, no multi-line messages: a collector can split the stream on newlines.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: LogFormat
    private let output: LogOutput

    /// UTC with milliseconds: `2025-01-31T18:04:05.123Z`.
    private static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public init(label: String, level: Logger.Level, format: LogFormat, output: LogOutput) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        if let error = event.error { merged["error"] = .string(String(describing: error)) }
        let time = Self.timeStyle.format(Date())
        switch format {
        case .json: output.write(jsonLine(time: time, event: event, metadata: merged))
        case .text: output.write(textLine(time: time, event: event, metadata: merged))
        }
    }

    private func jsonLine(time: String, event: LogEvent, metadata: Logger.Metadata) -> String {
        var line = "{\"time\":\(JSONText.quoted(time)),\"level\":\(JSONText.quoted(event.level.rawValue))"
        line += ",\"message\":\(JSONText.quoted(event.message.description)),\"label\":\(JSONText.quoted(label))"
        if !metadata.isEmpty { line += ",\"metadata\":" + JSONText.object(metadata) }
        return line + "}"
    }

    private func textLine(time: String, event: LogEvent, metadata: Logger.Metadata) -> String {
        let message = event.message.description.replacingOccurrences(of: "\n", with: "\\n")
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\(JSONText.flat($0.value))" }
        return ([time, event.level.rawValue.uppercased(), message] + fields).joined(separator: " ")
    }
}

/// Just enough JSON writing for log lines: strings with escapes, and metadata values in key order.
enum JSONText {
    /// A JSON string literal, escaped as API answers are (`JSONWriter`).
    static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return writer.text
    }

    static func object(_ metadata: Logger.Metadata) -> String {
        "{" + metadata.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + value($0.value) }.joined(separator: ",") + "}"
    }

    static func value(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .stringConvertible(let convertible): quoted(convertible.description)
        case .dictionary(let dictionary): object(dictionary)
        case .array(let array): "[" + array.map(Self.value).joined(separator: ",") + "]"
        }
    }

    /// A metadata value on one line for the text format.
    static func flat(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text.contains(" ") ? quoted(text) : text
        case .stringConvertible(let convertible): flat(.string(convertible.description))
        case .dictionary, .array: Self.value(value)
        }
    }
}
