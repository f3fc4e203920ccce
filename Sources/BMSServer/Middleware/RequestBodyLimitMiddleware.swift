import Hummingbird

/// Refuses request bodies over the limit with 413 before reading them, when `Content-Length` says so,
/// and sets the limit in the context so that collecting a body without a length (chunked) stops at it.
///
/// Uploads (`image/*`, `multipart/form-data`) may be up to `uploadLimit` (`BMS_MAX_UPLOAD_BYTES`); any
/// other body, in practice JSON, up to `jsonLimit` (`BMS_MAX_JSON_BYTES`). Routes that take several files
/// in one upload (listing photos) allow `filesPerUpload` times `uploadLimit` for the whole body; their
/// handlers hold each file to `uploadLimit`.
struct RequestBodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let jsonLimit: Int
    let uploadLimit: Int
    /// Route patterns as the router writes them (`/api/rooms/{id}/images`).
    var multiFileRoutes: Set<String> = []
    var filesPerUpload = 1

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = limit(for: request, route: context.endpointPath)
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.contentTooLarge(limit: limit)
        }
        var context = context
        context.maxUploadSize = limit
        return try await next(request, context)
    }

    func limit(for request: Request, route: String?) -> Int {
        guard Self.isUpload(request) else { return jsonLimit }
        guard let route, multiFileRoutes.contains(route) else { return uploadLimit }
        return uploadLimit * filesPerUpload
    }

    static func isUpload(_ request: Request) -> Bool {
        guard let type = request.headers[.contentType]?.lowercased() else { return false }
        return type.hasPrefix("image/") || type.hasPrefix("multipart/form-data")
    }
}
