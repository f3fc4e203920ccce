import BMSCore
import Hummingbird

/// What pages for logged-in people answer everyone else: anonymous visitors are sent to log in and come
/// back here (303 to `/login?next=…`), which a browser follows; the API's 401 would only confuse them.
/// Logged-in people of the wrong role get a designed 403 page saying who may use the page.
enum SignedInPage {
    static func loginRedirect(_ request: Request, _ context: AppRequestContext) -> Response {
        Response.redirect(to: BrowserSession(request, context).loginHref, type: .normal)
    }

    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, code: "forbidden", message: message) }

    /// The logged-in user when their role is one of `roles`; nil for an anonymous visitor (whom the page
    /// sends to log in); otherwise the designed 403 page saying `message`.
    static func user(_ context: AppRequestContext, _ roles: Set<Role>, _ message: String) throws(APIError) -> User? {
        guard let user = context.viewer else { return nil }
        return try require(roles, user, message)
    }

    /// `user` when their role is one of `roles`; otherwise the designed 403 page saying `message`.
    static func require(_ roles: Set<Role>, _ user: User, _ message: String) throws(APIError) -> User {
        guard roles.contains(user.role) else { throw forbidden(message) }
        return user
    }
}
