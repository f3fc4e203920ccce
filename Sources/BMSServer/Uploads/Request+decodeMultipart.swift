import Foundation
import Hummingbird
import MultipartKit

extension Request {
    /// Decodes a `multipart/form-data` body as `type` (a file field decodes as `Data`). Collecting stops
    /// at the context's `maxUploadSize` (`BMS_MAX_UPLOAD_BYTES`; 413 beyond it). A missing field is a
    /// `DecodingError`, which `ErrorMapping` answers with 422 naming it.
    /// - Throws: `UploadError.notMultipart` without a multipart content type and boundary,
    ///   `UploadError.malformed` for a body that breaks the multipart syntax.
    func decodeMultipart<T: Decodable>(as type: T.Type, context: AppRequestContext) async throws -> T {
        guard let boundary = Self.multipartBoundary(headers[.contentType]) else { throw UploadError.notMultipart }
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try FormDataDecoder().decode(T.self, from: buffer, boundary: boundary)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw UploadError.malformed
        }
    }

    /// The boundary of a `multipart/form-data; boundary=…` content type (quoted or not).
    static func multipartBoundary(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }
}
