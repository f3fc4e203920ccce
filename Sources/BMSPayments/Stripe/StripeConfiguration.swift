import Foundation

/// How the Stripe provider reaches Stripe: the secret key, where the API lives (Stripe's, or a fake server
/// in tests), the API version every request pins, and how long and how often a call may try.
public struct StripeConfiguration: Sendable {
    public static let defaultAPIBase = URL(string: "https://api.stripe.com")!
    /// The version whose object shapes `ProviderObjects.swift` follows; pinned so that a change of the
    /// account's default version in Stripe's dashboard cannot change what the client decodes.
    public static let pinnedAPIVersion = "2024-06-20"

    public var secretKey: String
    public var apiBase: URL
    public var apiVersion: String
    /// Time one attempt may take, from sending the request to the last byte of the answer.
    public var timeout: Duration
    /// Attempts per call, the first one included; one is always made.
    public var maxAttempts: Int
    /// Wait before the second attempt; it doubles before each attempt after that.
    public var retryBackoffBase: Duration

    public init(
        secretKey: String, apiBase: URL = Self.defaultAPIBase, apiVersion: String = Self.pinnedAPIVersion,
        timeout: Duration = .seconds(30), maxAttempts: Int = 3, retryBackoffBase: Duration = .milliseconds(500)
    ) {
        self.secretKey = secretKey
        self.apiBase = apiBase
        self.apiVersion = apiVersion
        self.timeout = timeout
        self.maxAttempts = maxAttempts
        self.retryBackoffBase = retryBackoffBase
    }

    /// The wait before attempt `attempt` (2, 3, …): base, 2 × base, 4 × base, …
    func backoff(beforeAttempt attempt: Int) -> Duration {
        retryBackoffBase * (1 << min(max(attempt - 2, 0), 16))
    }
}

extension StripeConfiguration: CustomStringConvertible {
    /// Everything but the key, so that a logged or printed configuration cannot leak it.
    public var description: String {
        "StripeConfiguration(apiBase: \(apiBase), apiVersion: \(apiVersion), timeout: \(timeout), maxAttempts: \(maxAttempts), "
            + "retryBackoffBase: \(retryBackoffBase), secretKey: <redacted>)"
    }
}
