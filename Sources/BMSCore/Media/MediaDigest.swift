import BMSStore
import Crypto

/// The SHA-256 of an image's bytes, shown as 64 lowercase hex characters. Images are stored and served
/// under it (`/media/<digest>`), so equal uploads are stored once and a URL never changes meaning.
public struct MediaDigest: Hashable, Sendable, Codable, LosslessStringConvertible {
    /// The 32 digest bytes; also the key of the "media" and "media-refs" tables.
    let bytes: [UInt8]

    /// The digest of `content`.
    init(of content: [UInt8]) { bytes = Array(SHA256.hash(data: content)) }

    init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses exactly 64 lowercase hex characters (the form we hand out), so one image has one URL.
    public init?(_ text: String) {
        guard text.utf8.count == 64, let bytes = Hex.bytes(text, lowercaseOnly: true) else { return nil }
        self.bytes = bytes
    }

    public var description: String { Hex.string(bytes) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let digest = MediaDigest(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a SHA-256 digest")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
