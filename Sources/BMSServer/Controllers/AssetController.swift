import Hummingbird

/// `/assets/<path>`: the public files of `Assets/` with their content type, a strong ETag (`If-None-Match`
/// answers 304), the gzip copy when the client accepts it, and `Vary: Accept-Encoding` for text types.
/// Embedded files may be cached for an hour; files read from `--assets DIR` must be revalidated, so
/// that edits show at once.
struct AssetController {
    let assets: PublicAssets

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/assets/**", use: serve)
    }

    func serve(request: Request, context: AppRequestContext) throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard let file = try assets.file(at: path) else { throw APIError.notFound }
        let gzip = HTTPNegotiation.acceptsGzip(request.headers[.acceptEncoding]) ? file.gzip : nil
        var headers: HTTPFields = [
            .eTag: gzip?.eTag ?? file.eTag,
            .cacheControl: assets.isEmbedded ? "public, max-age=3600" : "no-cache",
        ]
        if file.variesByEncoding { headers[.vary] = "Accept-Encoding" }
        let known = [file.eTag] + (file.gzip.map { [$0.eTag] } ?? [])
        if HTTPNegotiation.noneMatchHits(request.headers[values: .ifNoneMatch], eTags: known) {
            return Response(status: .notModified, headers: headers)
        }
        let body = gzip?.body ?? file.body
        headers[.contentType] = file.contentType
        headers[.contentLength] = String(body.readableBytes)
        if gzip != nil { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
