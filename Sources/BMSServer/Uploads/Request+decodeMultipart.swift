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
        let (buffer, boundary) = try await multipartBody(context: context)
        do {
            return try FormDataDecoder().decode(T.self, from: buffer, boundary: boundary)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw UploadError.malformed
        }
    }

    /// Every file sent in the field `name`, in order. Several files come as a repeated field
    /// (`-F images=@a.jpg -F images=@b.jpg`) or with brackets (`images[]`); `FormDataDecoder` would keep
    /// only the last of a repeated field, so the parts are read here. Empty parts (a browser's file input
    /// with nothing chosen) are skipped.
    /// - Parameter maxFileBytes: the largest file (`BMS_MAX_UPLOAD_BYTES`).
    /// - Throws: as `decodeMultipart`, and `APIError.contentTooLarge` for a file over `maxFileBytes`.
    func multipartFiles(named name: String, maxFileBytes: Int, context: AppRequestContext) async throws -> [[UInt8]] {
        let (buffer, boundary) = try await multipartBody(context: context)
        let files = try Self.multipartParts(buffer, boundary: boundary).filter {
            ($0.name == name || $0.name == name + "[]") && $0.body.readableBytes > 0
        }
        guard files.allSatisfy({ $0.body.readableBytes <= maxFileBytes }) else { throw APIError.contentTooLarge(limit: maxFileBytes) }
        return files.map { Array($0.body.readableBytesView) }
    }

    /// The parts of a `multipart/form-data` body, in order.
    /// - Throws: `UploadError.malformed` for a body that breaks the multipart syntax.
    static func multipartParts(_ buffer: ByteBuffer, boundary: String) throws(UploadError) -> [MultipartPart] {
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var body = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in headers.replaceOrAdd(name: field, value: value) }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: body))
            headers = HTTPHeaders()
            body = ByteBuffer()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw UploadError.malformed
        }
        return parts
    }

    /// The collected body and its boundary.
    private func multipartBody(context: AppRequestContext) async throws -> (ByteBuffer, String) {
        guard let boundary = Self.multipartBoundary(headers[.contentType]) else { throw UploadError.notMultipart }
        return (try await body.collect(upTo: context.maxUploadSize), boundary)
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
