/// The image formats we accept and serve. Decided by the file's first bytes, never by its name or the
/// client's content type, so a renamed text or HTML file cannot be served as an image.
public enum ImageType: String, Sendable, Codable, CaseIterable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case webp = "image/webp"

    /// The type whose signature `bytes` starts with, or nil for anything else.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageType? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// A stable one-byte code stored in front of the image bytes.
    var code: UInt8 {
        switch self {
        case .jpeg: 1
        case .png: 2
        case .webp: 3
        }
    }

    init?(code: UInt8) {
        guard let type = ImageType.allCases.first(where: { $0.code == code }) else { return nil }
        self = type
    }
}
