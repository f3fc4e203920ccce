import Foundation
import Hummingbird

/// A successful `/api` answer: `{ "success": true, "data": … }`.
public struct APIResponse<Value: Encodable & Sendable>: ResponseGenerator, Sendable {
    public let data: Value
    public var status: HTTPResponse.Status

    public init(_ data: Value, status: HTTPResponse.Status = .ok) {
        self.data = data
        self.status = status
    }

    struct Envelope: Encodable {
        let success = true
        let data: Value
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response =
            if let data = data as? any JSONWritable {
                try Self.written(data)
            } else {
                try context.responseEncoder.encode(Envelope(data: data), from: request, context: context)
            }
        response.status = status
        return response
    }

    /// The envelope around a body that writes its own JSON: the bytes `Envelope` encodes to.
    static func envelope(writing data: some JSONWritable) throws -> ByteBuffer {
        var writer = JSONWriter(capacity: data.jsonSizeEstimate + 32)
        writer.beginObject()
        writer.key("data")
        try data.writeJSON(to: &writer)
        writer.key("success")
        writer.bool(true)
        writer.endObject()
        return writer.buffer
    }

    private static func written(_ data: some JSONWritable) throws -> Response {
        let body = try envelope(writing: data)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

/// A response body that writes its own JSON with `JSONWriter` — the very bytes its `Encodable` form gives
/// under the API's encoder — because it is served often enough for the generic encoder to show.
protocol JSONWritable: Encodable {
    /// About how many bytes the JSON takes, to size the buffer once.
    var jsonSizeEstimate: Int { get }

    func writeJSON(to writer: inout JSONWriter) throws
}

/// A failed `/api` answer: `{ "success": false, "error": { "code", "message", "fields"?, … } }`, where
/// `…` are the error's `details` (such as the `quote` of a 409 `price_changed`).
struct APIErrorEnvelope: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
        let fields: [String: String]?
        let details: [String: ErrorDetail]

        private struct Member: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Member.self)
            for (name, value) in details where !["code", "message", "fields"].contains(name) {
                try container.encode(value, forKey: Member(stringValue: name))
            }
            try container.encode(code, forKey: Member(stringValue: "code"))
            try container.encode(message, forKey: Member(stringValue: "message"))
            try container.encodeIfPresent(fields, forKey: Member(stringValue: "fields"))
        }
    }

    let success = false
    let error: Body

    init(_ error: APIError) {
        self.error = Body(code: error.code, message: error.message, fields: error.fields, details: error.details)
    }

    /// The error as a JSON response, with the error's status and headers.
    static func response(for error: APIError) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and dictionaries of them cannot fail.
        let body = ByteBuffer(bytes: (try? encoder.encode(APIErrorEnvelope(error))) ?? Data())
        var headers = error.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = String(body.readableBytes)
        headers[.cacheControl] = "no-store"
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: body))
    }
}
