import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

@Suite("Crash safety")
struct CrashSafetyTests {
    @Test("kill -9 during concurrent writes loses no acknowledged write and leaves the indexes consistent")
    func killNineDuringWrites() async throws {
        let directory = TemporaryDirectory()
        for round in 0..<3 {
            let acknowledged = try await runWriterAndKill(dataDirectory: directory.path, afterAcknowledged: 300 * (round + 1))
            #expect(acknowledged.count >= 300 * (round + 1))
            let store = try openStore(directory)
            let people = try RecordCollection<Person>(in: store)
            try store.read { txn throws in
                let missing = try acknowledged.filter { try !people.contains(txn, $0) }
                #expect(missing.isEmpty, "round \(round): \(missing.count) acknowledged writes lost")
            }
            let report = try store.check()
            #expect(report.isClean, "round \(round): \(report.problems.prefix(5))")
            store.close()
        }
    }

    /// Starts the writer, waits until it has acknowledged `count` writes, kills it with SIGKILL, and returns
    /// every id it printed on a complete line.
    private func runWriterAndKill(dataDirectory: String, afterAcknowledged count: Int) async throws -> [ObjectID] {
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("store-crash-writer")
        writer.arguments = [dataDirectory]
        let output = Pipe()
        writer.standardOutput = output
        try writer.run()

        var text = ""
        var lines = 0
        let reader = output.fileHandleForReading
        while lines < count {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            lines = text.filter { $0 == "\n" }.count
        }
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        text += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(writer.terminationReason == .uncaughtSignal)
        // A line cut by the kill has no newline: it was never fully acknowledged, so it is not counted.
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
        return complete.split(separator: "\n").map { line in
            guard let id = ObjectID(String(line)) else {
                Issue.record("writer printed \(line)")
                return ObjectID()
            }
            return id
        }
    }
}
