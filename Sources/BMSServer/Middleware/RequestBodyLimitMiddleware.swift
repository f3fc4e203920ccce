import Hummingbird

/// Refuses request bodies over the limit with 413 before reading them, when `Content-Length` says so,
/// and sets the limit in the context so that collecting a body without a length (chunked) stops at it.
///
/// Uploads (`image/*`, `multipart/form-data`) may be up to `uploadLimit` (`BMS_MAX_UPLOAD_BYTES`); any
/// other body, in practice JSON, up to `jsonLimit` (`BMS_MAX_JSON_BYTES`).
struct RequestBodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let jsonLimit: Int
    let uploadLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = Self.isUpload(request) ? uploadLimit : jsonLimit
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.contentTooLarge(limit: limit)
        }
        var context = context
        context.maxUploadSize = limit
        return try await next(request, context)
    }

    static func isUpload(_ request: Request) -> Bool {
        guard let type = request.headers[.contentType]?.lowercased() else { return false }
        return type.hasPrefix("image/") || type.hasPrefix("multipart/form-data")
    }
}
