import HTTPTypes
import Hummingbird
import Testing

/// Minimal files of each accepted type: the signature the server checks, then some bytes.
enum ImageSamples {
    struct Sample: Sendable, CustomTestStringConvertible {
        let name: String
        let type: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR-sample".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF-sample".utf8)
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x20, 0, 0, 0] + Array("WEBPVP8 sample".utf8)

    static let all = [
        Sample(name: "png", type: "image/png", bytes: png), Sample(name: "jpeg", type: "image/jpeg", bytes: jpeg),
        Sample(name: "webp", type: "image/webp", bytes: webp),
    ]

    /// A PNG unlike any other `number`, so that each is stored as its own image.
    static func png(_ number: Int) -> [UInt8] { png + Array("-\(number)".utf8) }
}

/// `multipart/form-data` bodies as a browser sends them.
enum Multipart {
    static let boundary = "----bms-test-boundary-7MA4YWxkTrZu0gW"

    /// One file field, with a content type that claims PNG whatever the bytes are (the server must not care).
    static func form(field: String, filename: String, bytes: [UInt8], auth: HTTPFields) -> (headers: HTTPFields, body: ByteBuffer) {
        form(field: field, files: [bytes], auth: auth, filename: { _ in filename })
    }

    /// The field repeated once per file, as `curl -F images=@a -F images=@b` and a multiple file input send it.
    static func form(
        field: String, files: [[UInt8]], auth: HTTPFields, filename: (Int) -> String = { "photo\($0).png" }
    ) -> (headers: HTTPFields, body: ByteBuffer) {
        var body: [UInt8] = []
        for (index, bytes) in files.enumerated() {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename(index))\"\r\n".utf8)
            body += Array("Content-Type: image/png\r\n\r\n".utf8) + bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = auth
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (headers, ByteBuffer(bytes: body))
    }
}
