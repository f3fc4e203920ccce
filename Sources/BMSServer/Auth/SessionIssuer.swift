import BMSCore
import Foundation
import Hummingbird

/// Turns a session the accounts domain started (registration, login, refresh) into what a client
/// holds: a signed access token bound to a fresh CSRF token, and the three session cookies. The JSON
/// API and the web pages both issue sessions through it, so a browser session is the same either way.
struct SessionIssuer: Sendable {
    /// The tokens of one issued session.
    struct Tokens: Sendable {
        let accessToken: String
        let csrfToken: String
        let refreshToken: String
        let refreshExpiresAt: Date
    }

    let tokens: AccessTokens
    let cookies: SessionCookies
    let now: @Sendable () -> Date

    /// A new access token and CSRF token for `session`.
    func issue(_ session: IssuedSession) async throws -> Tokens {
        let csrf = CSRFToken()
        let accessToken = try await tokens.issue(for: session, csrfToken: csrf)
        return Tokens(
            accessToken: accessToken, csrfToken: csrf.value, refreshToken: session.refreshToken,
            refreshExpiresAt: session.refreshExpiresAt)
    }

    /// The session cookies for `issued` on `response`.
    func setCookies(on response: inout Response, _ issued: Tokens) {
        cookies.set(
            on: &response, accessToken: issued.accessToken, refreshToken: issued.refreshToken,
            refreshMaxAge: Int(issued.refreshExpiresAt.timeIntervalSince(now()).rounded()), csrfToken: issued.csrfToken)
    }
}
