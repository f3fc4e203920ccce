import Foundation
import Synchronization

@testable import BMSServer

/// Collects the application's log lines so that tests can check what was logged.
final class LogCollector: Sendable {
    private let lines = Mutex<[String]>([])

    var output: LogOutput {
        LogOutput { [self] line in self.lines.withLock { $0.append(line) } }
    }

    var all: [String] { lines.withLock { $0 } }

    /// Every line parsed as a JSON object; a line that is not one fails the test where it is used.
    func jsonObjects() throws -> [[String: Any]] {
        try all.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw LogLineError(line: line)
            }
            return object
        }
    }

    struct LogLineError: Error, CustomStringConvertible {
        let line: String
        var description: String { "not a JSON object: \(line)" }
    }
}
