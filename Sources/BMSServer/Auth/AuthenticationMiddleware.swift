import BMSCore
import BMSStore
import HTTPTypes
import Hummingbird

/// Establishes `context.identity` from the access token in `Authorization: Bearer …` or the `bms_access`
/// cookie, and enforces what holds for every authenticated request:
/// - the user is loaded on every request, so a suspended user is refused (403) at once, whatever their
///   token says, and a revoked session (logout, reuse of a rotated refresh token) ends its access tokens;
/// - a request authenticated by cookie must send the CSRF token on unsafe methods (a browser attaches
///   cookies by itself; only our page can read the CSRF cookie): scripts send it in `X-CSRF-Token`, the
///   web pages' forms (which work without JavaScript) in the form field `csrf_token`. Bearer requests
///   need none.
///
/// The payment provider's hosted pages under `/pay/` are left anonymous: they stand in for Stripe's own
/// pages, act on the proof in their link (a client secret, an account link) and never on a user of ours,
/// so a logged-in browser posting their forms needs no CSRF token there.
///
/// A token that does not hold up (expired, forged, of an ended session) leaves the request anonymous
/// rather than failing it here: public routes such as login, refresh and `/health` must keep working
/// for a client that still attaches a stale token, and every route that needs a user answers 401
/// through `AccessPolicy`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let tokens: AccessTokens
    let accounts: AccountService

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// The hidden field every form of the web pages carries.
    static let csrfFormField = "csrf_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        if request.uri.path.hasPrefix(DemoPaymentPages.pathPrefix) { return try await next(request, context) }
        if let bearer = Self.bearerToken(request) {
            context.identity = try await identify(bearer, viaCookie: false)
        } else if let cookie = request.cookies[SessionCookies.access]?.value, !cookie.isEmpty,
            let identity = try await identify(cookie, viaCookie: true)
        {
            if !request.method.isSafeForCSRF,
                !CSRFToken.matches(try await Self.presentedCSRF(&request, context), digest: identity.csrfHash)
            {
                throw AuthError.csrfFailed
            }
            context.identity = identity
        }
        return try await next(request, context)
    }

    /// The identity a token establishes, or nil when the token, its user or its session is not valid.
    /// - Throws: `AccountError.suspended` for a suspended user; store errors.
    private func identify(_ token: String, viaCookie: Bool) async throws -> Identity? {
        guard let claims = try? await tokens.verify(token), let userID = UserID(claims.sub.value),
            let sessionID = ObjectID(claims.sid), let user = try accounts.user(userID)
        else { return nil }
        if user.isSuspended { throw AccountError.suspended }
        guard try accounts.isSessionActive(sessionID) else { return nil }
        return Identity(user: user, sessionID: sessionID, viaCookie: viaCookie, csrfHash: claims.csrf)
    }

    /// The CSRF token a request presents: the `X-CSRF-Token` header, else the `csrf_token` field of a
    /// form body, URL-encoded or multipart (a file upload form). Reading the form buffers the body in
    /// `request`, so the handler can still read it.
    static func presentedCSRF(_ request: inout Request, _ context: Context) async throws -> String? {
        if let header = request.headers[csrfHeader] { return header }
        if let boundary = Request.multipartBoundary(request.headers[.contentType]) {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let field = try? Request.multipartParts(body, boundary: boundary).first { $0.name == csrfFormField }
            return field.map { String(buffer: $0.body) }
        }
        guard FormFields.isForm(request) else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: body))[csrfFormField]
    }

    /// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}

extension HTTPRequest.Method {
    /// GET, HEAD, OPTIONS and TRACE change nothing, so they need no CSRF proof.
    var isSafeForCSRF: Bool { [.get, .head, .options, .trace].contains(self) }
}
