import BMSStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

/// `AppArguments` for tests: a configuration and a log collector.
struct TestArguments: AppArguments {
    let configuration: AppConfiguration
    let logOutput: LogOutput
}

/// One application under test, on a fresh data directory, with its logs collected.
struct TestApp {
    let dependencies: AppDependencies
    let router: Router<AppRequestContext>
    let logs: LogCollector

    /// - Parameters:
    ///   - directory: a temporary directory; the data goes to `directory/data`.
    ///   - environment: variables as the server would read them (`RATE_LIMIT_PER_MIN`, …), over the
    ///     tests' default `BCRYPT_COST=4` (fast hashing).
    ///   - flags: extra flags (the data flag is set to the temporary data directory).
    ///   - clock: the rate limiter's and the accounts' clock.
    init(
        in directory: String, environment: [String: String] = [:], flags: ConfigurationFlags = ConfigurationFlags(),
        clock: ManualClock = ManualClock()
    ) async throws {
        var flags = flags
        flags.data = directory + "/data"
        let configuration = try AppConfiguration(flags: flags, environment: ["BCRYPT_COST": "4"].merging(environment) { _, given in given })
        logs = LogCollector()
        let logger = makeLogger(configuration, output: logs.output)
        dependencies = try await AppDependencies(
            configuration: configuration, logger: logger, monotonicNow: clock.now, now: clock.date)
        router = buildRouter(dependencies)
    }

    /// The application as `bms serve` runs it (with any routes the test added to `router`), including
    /// the store service that closes the store when the test ends.
    var application: some ApplicationProtocol { buildApplication(dependencies, router: router) }

    /// Runs `test` against the router, then shuts the application down.
    func test<T>(_ setup: TestingSetup = .router, _ test: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application.test(setup, test)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body parsed as a JSON object.
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }

    /// The `error` object of an error envelope, after checking `success` is false.
    func envelopeError() throws -> [String: Any] {
        let object = try json()
        #expect(object["success"] as? Bool == false)
        return try #require(object["error"] as? [String: Any])
    }
}
