import Foundation
import Testing

@testable import BMSServer

#if canImport(Glibc)
    import Glibc
#endif

/// The real `bms` binary built beside this test bundle, run as a child process from a working
/// directory with no `Assets` folder, as a user would.
enum BMSExecutable {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String

        /// Standard error's lines; an error must be exactly one.
        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    /// `bms` next to the test bundle (`swift build --build-tests` puts both in the same folder).
    static let url: URL = {
        let candidates = [
            URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].map { $0.appending(path: "bms") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `bms arguments…` to completion.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) async throws -> Outcome {
        let child = try Child(arguments, in: directory, environment: environment)
        return await child.finish(within: .seconds(120))
    }

    /// The test process's environment without any BookMySleep setting, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        let ours = [
            "BMS_", "LOG_", "RATE_LIMIT_PER_MIN", "PUBLIC_URL", "JWT_SECRET", "BCRYPT_COST", "SMTP_URL", "BOOKING_HOLD_MINUTES",
            "OWNER_RESPONSE_HOURS", "PLATFORM_FEE_BPS", "MIN_STAY_NIGHTS", "SEARCH_CACHE_ENTRIES", "SEARCH_SNAPSHOT",
        ]
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in !ours.contains { key.hasPrefix($0) } }
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// A running `bms` process whose output goes to files (a pipe nobody reads could fill up and stall it).
    final class Child: Sendable {
        let process: Process
        private let outputs: (stdout: URL, stderr: URL)
        private let exit: AsyncStream<Int32>

        init(_ arguments: [String], in directory: String, environment: [String: String]) throws {
            let id = UUID().uuidString
            outputs = (
                URL(filePath: directory).appending(path: ".bms-\(id).out"), URL(filePath: directory).appending(path: ".bms-\(id).err")
            )
            _ = FileManager.default.createFile(atPath: outputs.stdout.path, contents: nil)
            _ = FileManager.default.createFile(atPath: outputs.stderr.path, contents: nil)
            process = Process()
            process.executableURL = BMSExecutable.url
            process.arguments = arguments
            process.currentDirectoryURL = URL(filePath: directory)
            process.environment = BMSExecutable.environment(environment)
            process.standardOutput = try FileHandle(forWritingTo: outputs.stdout)
            process.standardError = try FileHandle(forWritingTo: outputs.stderr)
            let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
            exit = stream
            process.terminationHandler = { process in
                continuation.yield(process.terminationStatus)
                continuation.finish()
            }
            try process.run()
        }

        var stdout: String { (try? String(contentsOf: outputs.stdout, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: outputs.stderr, encoding: .utf8)) ?? "" }

        /// Sends SIGTERM, as a service manager does to stop the server.
        func terminate() { kill(process.processIdentifier, SIGTERM) }

        /// Waits for the process to exit; a process still running after `limit` is killed (a hang is a
        /// bug, reported as a failed status, not waited for forever).
        func finish(within limit: Duration) async -> Outcome {
            let status = await withTaskGroup(of: Int32?.self) { group in
                group.addTask { [exit] in await exit.first { _ in true } }
                group.addTask {
                    try? await Task.sleep(for: limit)
                    return nil
                }
                let first = await group.next()!
                if first == nil { kill(process.processIdentifier, SIGKILL) }
                group.cancelAll()
                return first ?? -9
            }
            return Outcome(status: status, stdout: stdout, stderr: stderr)
        }

        /// Waits until `/health` answers 200 on `port`, or fails if the process exits first.
        func waitUntilHealthy(port: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                if !process.isRunning {
                    Issue.record("bms exited before serving: \(stderr)")
                    throw RawHTTP.Failure(description: "bms exited")
                }
                if let response = try? RawHTTP.request(port: port, path: "/health"), response.status == 200 { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw RawHTTP.Failure(description: "bms did not answer /health")
        }
    }

    /// A port nothing listens on right now.
    static func freePort() throws -> Int {
        let (socket, port) = try listeningSocket()
        close(socket)
        return port
    }

    /// A socket listening on a free port of 127.0.0.1; the caller closes it.
    static func listeningSocket() throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 && listen(socket, 1) == 0
            }
        }
        guard bound else {
            close(socket)
            throw RawHTTP.Failure(description: "no free port")
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// The SHA-256 of a file's bytes, to prove a command left it untouched.
    static func digest(of path: String) throws -> String {
        ContentDigest.sha256Hex(Array(try Data(contentsOf: URL(filePath: path))))
    }
}
