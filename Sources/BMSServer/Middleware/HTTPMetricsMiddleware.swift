import Hummingbird

/// Counts every request and records its duration, labelled by method, route pattern and status.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(method: request.method, route: context.routeLabel, status: response.status, duration: start.duration(to: .now))
            return response
        } catch {
            metrics.record(method: request.method, route: context.routeLabel, status: .internalServerError, duration: start.duration(to: .now))
            throw error
        }
    }
}
