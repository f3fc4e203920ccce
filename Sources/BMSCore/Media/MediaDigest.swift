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
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = lowerHexValue(utf8[index]), let low = lowerHexValue(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

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

private func lowerHexValue(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
    default: nil
    }
}
