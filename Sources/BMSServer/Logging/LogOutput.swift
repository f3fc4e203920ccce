import Foundation

/// Where finished log lines go. The server writes to standard error; tests collect the lines to check
/// what was logged.
public struct LogOutput: Sendable {
    private let writeLine: @Sendable (String) -> Void

    /// - Parameter writeLine: receives one complete line, without its trailing newline.
    public init(_ writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    func write(_ line: String) { writeLine(line) }

    /// Standard error, one `write` per line so that lines from concurrent requests never interleave.
    public static let standardError = LogOutput { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
