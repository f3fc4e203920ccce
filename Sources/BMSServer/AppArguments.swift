/// What `buildApplication` needs from its caller. `bms serve` resolves the configuration from its flags
/// and the environment; tests pass their own, with a temporary data directory and a log collector.
public protocol AppArguments: Sendable {
    var configuration: AppConfiguration { get }
    /// Where log lines go: standard error unless a test collects them.
    var logOutput: LogOutput { get }
}

extension AppArguments {
    public var logOutput: LogOutput { .standardError }
}
