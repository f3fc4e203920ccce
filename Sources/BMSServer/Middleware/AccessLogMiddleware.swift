import Foundation
import Hummingbird
import Logging

/// Writes one log line per request: method, route pattern, status and duration, plus the request id the
/// logger already carries. Never the raw path, query, body, cookies or tokens: the route pattern says
/// what was called without copying secrets (reset tokens, ids) into the log.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: start)
            return response
        } catch {
            log(request, context, status: HTTPResponse.Status.internalServerError.code, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(context.routeLabel),
                "status": .stringConvertible(status),
                "duration_ms": .string(String(format: "%.3f", milliseconds)),
            ])
    }
}

extension AppRequestContext {
    /// The matched route pattern (`/assets/**`), for logs and metric labels: bounded, unlike raw paths.
    /// Hummingbird names requests that matched no route `NotFound`.
    var routeLabel: String { endpointPath ?? "NotFound" }
}
