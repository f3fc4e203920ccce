import Hummingbird

/// A rendered HTML page as a response: UTF-8 HTML that browsers should revalidate before reuse.
struct HTMLPage: ResponseGenerator, Sendable {
    let html: String
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) -> Response {
        let body = ByteBuffer(string: html)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache", .contentLength: String(body.readableBytes)],
            body: .init(byteBuffer: body))
    }
}
