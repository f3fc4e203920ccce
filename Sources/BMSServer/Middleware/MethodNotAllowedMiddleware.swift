import Hummingbird

/// Turns "no route" into 405 with an `Allow` header when the path exists for other methods.
///
/// It is added to the router after every route. Hummingbird applies a middleware only to routes added
/// after it, and builds its not-found responder with all middleware, so this one runs only for requests
/// that matched no route: exactly when the router would answer 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = table.allowedMethods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else {
            return try await next(request, context)
        }
        context.coreContext.endpointPath.value = table.pattern(for: request.uri.path)
        throw APIError.methodNotAllowed(allowed: allowed)
    }
}
