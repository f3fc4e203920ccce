import Foundation
import Hummingbird

extension Request {
    /// Decodes the JSON body as `type`. Collecting stops at the context's `maxUploadSize` (a 413 when a
    /// body without `Content-Length` outgrows it), and decoding errors are left for `ErrorMapping` to
    /// answer 422 naming the field, or 400 for a body that is not JSON. (Hummingbird's
    /// `decode(as:context:)` turns them into a 400 with a prose message instead.)
    public func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return try context.requestDecoder.decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// Like `decodeJSON(as:context:)`, for a route whose body is optional: an empty body is `empty`.
    public func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext, ifEmpty empty: T) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return empty }
        return try context.requestDecoder.decode(T.self, from: Data(buffer.readableBytesView))
    }
}
