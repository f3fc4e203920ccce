/// Why the server refuses a request before any account rule is consulted. `ErrorMapping` turns each into
/// its HTTP status.
public enum AuthError: Error, Sendable, Equatable {
    /// The route needs a logged-in user and the request has no valid access token (401).
    case authenticationRequired
    /// A token that is not a genuine, unexpired access token (401). `AccessTokens.verify` throws it; the
    /// middleware then treats the request as anonymous.
    case invalidAccessToken
    /// A cookie-authenticated unsafe request without the matching `X-CSRF-Token` header (403).
    case csrfFailed
    /// The user is known but their role or relation to the resource does not allow this (403).
    case forbidden
}
