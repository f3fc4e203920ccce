/// The files served under `/assets/`: those in the public folders of `Assets/`. Templates and
/// `openapi.yaml` are server input and never served as files.
struct PublicAssets: Sendable {
    /// Top-level folders of `Assets/` whose files are public.
    static let folders: Set<String> = ["css", "js", "images", "fonts"]

    private let source: AssetSource
    /// Every public file prepared once, for the embedded source; nil when reading from a folder.
    private let prepared: [String: PreparedAsset]?

    init(source: AssetSource) throws {
        self.source = source
        switch source {
        case .embedded(let files):
            var prepared: [String: PreparedAsset] = [:]
            for (path, bytes) in files where Self.isPublic(path) {
                prepared[path] = try PreparedAsset(path: path, bytes: bytes)
            }
            self.prepared = prepared
        case .directory:
            self.prepared = nil
        }
    }

    /// The public file at `path`, or nil when there is none.
    func file(at path: String) throws -> PreparedAsset? {
        guard Self.isPublic(path) else { return nil }
        if let prepared { return prepared[path] }
        return try source.bytes(at: path).map { try PreparedAsset(path: path, bytes: $0) }
    }

    /// Whether the files are compiled in (cache for an hour) or read from a folder (revalidate each time).
    var isEmbedded: Bool { prepared != nil }

    static func isPublic(_ path: String) -> Bool {
        guard let folder = path.split(separator: "/").first, path.contains("/") else { return false }
        return folders.contains(String(folder))
    }
}
