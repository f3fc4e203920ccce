import BMSCore
import Hummingbird

/// `/media/<sha256>`: uploaded images, named by the SHA-256 of their bytes. A name never changes what it
/// names, so browsers may keep a copy for a year without asking again; `nosniff` makes them trust the
/// type we checked at upload rather than guess from the bytes.
struct MediaController {
    let media: MediaLibrary

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/media/:digest", use: serve)
    }

    /// Where an image is served.
    static func path(for digest: MediaDigest) -> String { "/media/\(digest)" }

    func serve(request: Request, context: AppRequestContext) throws -> Response {
        guard let digest = MediaDigest(try context.parameters.require("digest")), let image = try media.image(digest) else {
            throw APIError.notFound
        }
        let eTag = "\"\(digest)\""
        var headers: HTTPFields = [
            .eTag: eTag, .cacheControl: "public, max-age=31536000, immutable", .xContentTypeOptions: "nosniff",
        ]
        if HTTPNegotiation.noneMatchHits(request.headers[values: .ifNoneMatch], eTags: [eTag]) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = image.type.rawValue
        headers[.contentLength] = String(image.bytes.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: image.bytes)))
    }
}
