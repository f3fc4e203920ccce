import HTTPTypes
import Hummingbird

/// Adds the browser security headers to every response that has not set its own: a Content-Security-Policy
/// that allows only our own scripts and styles (so no inline script can run), no MIME sniffing, no
/// framing, a conservative referrer policy, no powerful browser features but the location "near me"
/// asks for, and HSTS when the site is published over HTTPS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Features the site does not use are switched off for it and anything it embeds; the search form's
    /// "near me" may ask for the location, on our own pages only.
    static let permissionsPolicy = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"
    /// Two years, the value the HSTS preload list asks for; subdomains are left to the operator.
    static let strictTransportSecurity = "max-age=63072000"

    let headers: HTTPFields

    /// - Parameters:
    ///   - https: whether the site is published over HTTPS (`PUBLIC_URL` starts with https).
    ///   - policy: the site's Content-Security-Policy.
    init(https: Bool, policy: ContentSecurityPolicy) {
        var headers: HTTPFields = [
            .contentSecurityPolicy: policy.header,
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: "strict-origin-when-cross-origin",
            .xFrameOptions: "DENY",
            .permissionsPolicy: Self.permissionsPolicy,
        ]
        if https { headers[.strictTransportSecurity] = Self.strictTransportSecurity }
        self.headers = headers
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in headers where response.headers[field.name] == nil {
            response.headers.append(field)
        }
        return response
    }
}
