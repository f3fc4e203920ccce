import Foundation
import Hummingbird

/// The cookies a browser session lives in, all `SameSite=Strict` and `Secure` when the site is published
/// over HTTPS:
/// - `bms_access`: the access token, HttpOnly, for every path, 15 minutes;
/// - `bms_refresh`: the refresh token, HttpOnly, sent only to `/api/auth` (where it is used);
/// - `bms_csrf`: the CSRF token, readable by the page's script, which sends it back in `X-CSRF-Token`.
struct SessionCookies: Sendable {
    static let access = "bms_access"
    static let refresh = "bms_refresh"
    static let csrf = "bms_csrf"
    static let refreshPath = "/api/auth"

    let secure: Bool

    /// The issued tokens as cookies on `response`.
    /// - Parameter refreshMaxAge: seconds until the refresh token expires.
    func set(on response: inout Response, accessToken: String, refreshToken: String, refreshMaxAge: Int, csrfToken: String) {
        response.setCookie(cookie(Self.access, accessToken, maxAge: Int(AccessTokens.lifetime), path: "/", httpOnly: true))
        response.setCookie(cookie(Self.refresh, refreshToken, maxAge: max(0, refreshMaxAge), path: Self.refreshPath, httpOnly: true))
        response.setCookie(cookie(Self.csrf, csrfToken, maxAge: max(0, refreshMaxAge), path: "/", httpOnly: false))
    }

    /// Tells the browser to forget all three cookies (same names and paths, empty, `Max-Age=0`).
    func clear(on response: inout Response) {
        response.setCookie(cookie(Self.access, "", maxAge: 0, path: "/", httpOnly: true))
        response.setCookie(cookie(Self.refresh, "", maxAge: 0, path: Self.refreshPath, httpOnly: true))
        response.setCookie(cookie(Self.csrf, "", maxAge: 0, path: "/", httpOnly: false))
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int, path: String, httpOnly: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: httpOnly, sameSite: .strict)
    }
}
