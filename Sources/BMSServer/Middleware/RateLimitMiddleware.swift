import Hummingbird

/// Answers 429 with `Retry-After` once a client has used up its requests for the minute. `/health` is
/// exempt so that liveness probes never fail because of traffic.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let limiter: TokenBucketLimiter
    let trustProxy: Bool

    /// Paths that are never limited.
    static let exemptPaths: Set<String> = ["/health"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !Self.exemptPaths.contains(request.uri.path) {
            let client = ClientAddress.of(request, context: context, trustProxy: trustProxy)
            if case .limited(let seconds) = limiter.acquire(for: client) {
                throw APIError.rateLimited(retryAfterSeconds: seconds)
            }
        }
        return try await next(request, context)
    }
}
