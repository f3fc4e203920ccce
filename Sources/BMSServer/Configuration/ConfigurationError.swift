/// A configuration value that cannot be used. Start-up stops with this message, so it always names the
/// variable or flag it is about and what would have been accepted.
///
/// ```
/// BMS_PORT: expected an integer 1…65535, got "abc"
/// ```
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The environment variable (`BMS_PORT`) or flag (`--port`) the value came from.
    public var source: String
    /// What is wrong with the value, and what would be accepted.
    public var problem: String

    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }

    public var description: String { "\(source): \(problem)" }
}
