import BMSCore
import Hummingbird

/// Who is looking at a page, as the layout and the forms need it: the logged-in user, and the CSRF
/// token their forms must post back (the `bms_csrf` cookie's value, echoed only when it is the token
/// the access token was issued with, so a page never hands out a token the server would refuse).
struct BrowserSession: Sendable {
    /// Pages after which logging in should not come back to them.
    private static let accountPaths: Set<String> = ["/", "/login", "/signup", "/logout", "/welcome", "/forgot-password"]

    let user: User?
    let csrfToken: String?
    /// The header's "Log in" link, which brings the person back to this page afterwards.
    let loginHref: String

    init(_ request: Request, _ context: AppRequestContext) {
        user = context.identity?.user
        if let identity = context.identity, let cookie = request.cookies[SessionCookies.csrf]?.value,
            CSRFToken.matches(cookie, digest: identity.csrfHash)
        {
            csrfToken = cookie
        } else {
            csrfToken = nil
        }
        let path = request.uri.path
        if Self.accountPaths.contains(path) || path.hasPrefix("/auth/") {
            loginHref = "/login"
        } else {
            loginHref = "/login?" + QueryString.encode([("next", path + (request.uri.query.map { "?" + $0 } ?? ""))])
        }
    }

    /// `account` (the header's log in/sign up or name/log out) and `csrfToken` for the templates.
    var values: [String: Any] {
        var account: [String: Any] = ["signedIn": user != nil, "loginHref": loginHref]
        if let user {
            account["firstName"] = user.firstName
            account["role"] = user.role.rawValue
            account["isOwner"] = user.role == .owner
            account["isAdmin"] = user.role == .admin
            if let avatar = user.avatar { account["avatar"] = MediaController.path(for: avatar) }
        }
        var values: [String: Any] = ["account": account]
        if let csrfToken { values["csrfToken"] = csrfToken }
        return values
    }
}
