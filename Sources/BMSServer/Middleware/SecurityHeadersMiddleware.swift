import HTTPTypes
import Hummingbird

/// Adds the browser security headers to every response: a Content-Security-Policy that allows only our
/// own scripts and styles (so no inline script can run), no MIME sniffing, no framing, a conservative
/// referrer policy, no powerful browser features, and HSTS when the site is published over HTTPS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    /// Features the site does not use are switched off for it and anything it embeds.
    static let permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    /// Two years, the value the HSTS preload list asks for; subdomains are left to the operator.
    static let strictTransportSecurity = "max-age=63072000"

    let headers: HTTPFields

    /// - Parameter https: whether the site is published over HTTPS (`PUBLIC_URL` starts with https).
    init(https: Bool) {
        var headers: HTTPFields = [
            .contentSecurityPolicy: Self.contentSecurityPolicy,
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
