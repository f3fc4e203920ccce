/// One setting's text, looked up flag first, then environment variable, remembering where it came from
/// so that an error names the right one.
struct ConfigurationSource {
    let flags: [String: String]
    let environment: [String: String]

    /// The value and its source for a setting, or nil when neither the flag nor the variable is set.
    /// An empty environment variable counts as unset (container tools often pass `NAME=`).
    func value(variable: String, flag: String? = nil) -> (text: String, source: String)? {
        if let flag, let text = flags[flag] { return (text, flag) }
        if let text = environment[variable], !text.isEmpty { return (text, variable) }
        return nil
    }

    /// Parses a setting with `parse`, or returns `defaultValue` when it is not set.
    func read<T>(
        _ variable: String, flag: String? = nil, default defaultValue: T,
        _ parse: (String) -> Result<T, ValueProblem>
    ) throws(ConfigurationError) -> T {
        guard let (text, source) = value(variable: variable, flag: flag) else { return defaultValue }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let problem): throw ConfigurationError(source: source, problem: problem.expected(got: text))
        }
    }
}

/// What a value should have looked like; the parser adds what it got, unless the value is a secret
/// (`JWT_SECRET`, `SMTP_URL` with its password), which must not be copied into an error message or log.
struct ValueProblem: Error {
    let expectation: String
    let echo: Bool

    init(_ expectation: String, echo: Bool = true) {
        self.expectation = expectation
        self.echo = echo
    }

    func expected(got text: String) -> String { echo ? "expected \(expectation), got \"\(text)\"" : "expected \(expectation)" }
}
