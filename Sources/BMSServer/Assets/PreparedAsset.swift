import CompressNIO
import Hummingbird

/// A file ready to serve: its bytes, content type, strong ETag (SHA-256 of the bytes) and, for text
/// types that shrink, a gzip copy made once so that no request pays for compression.
struct PreparedAsset: Sendable {
    let contentType: String
    let body: ByteBuffer
    let eTag: String
    /// The gzip copy and its ETag; nil when the type does not compress or gzip would not be smaller.
    let gzip: (body: ByteBuffer, eTag: String)?

    init(path: String, bytes: [UInt8]) throws {
        contentType = ContentType.of(path: path)
        body = ByteBuffer(bytes: bytes)
        let digest = ContentDigest.sha256Hex(bytes)
        eTag = "\"\(digest)\""
        if ContentType.isCompressible(contentType) {
            var input = body
            let compressed = try input.compress(with: .gzip())
            // A representation's strong ETag must differ from the identity one's.
            gzip = compressed.readableBytes < bytes.count ? (compressed, "\"\(digest)-gzip\"") : nil
        } else {
            gzip = nil
        }
    }

    /// Compressible types vary by `Accept-Encoding`, whether or not this file had a smaller gzip copy.
    var variesByEncoding: Bool { ContentType.isCompressible(contentType) }
}
