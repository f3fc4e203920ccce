/// The files served under `/assets/`: those in the public folders of `Assets/`, and the third-party
/// files compiled in from the system (Leaflet under `vendor/`). Templates and `openapi.yaml` are server
/// input and never served as files.
struct PublicAssets: Sendable {
    /// Top-level folders of `Assets/` whose files are public.
    static let folders: Set<String> = ["css", "js", "images", "fonts", vendorFolder]
    /// Files the build takes from Debian's packages rather than from `Assets/` (see the EmbedAssets
    /// plugin); `--assets DIR` holds none of them, so they are always the compiled-in copies.
    static let vendorFolder = "vendor"

    private let source: AssetSource
    /// Public files prepared once: every one for the embedded source, the vendor files when reading
    /// the rest from a folder.
    private let prepared: [String: PreparedAsset]
    /// Whether the files are compiled in (cache for an hour) or read from a folder (revalidate each time).
    let isEmbedded: Bool

    init(source: AssetSource) throws {
        self.source = source
        let compiled: [String: [UInt8]]
        switch source {
        case .embedded(let files):
            compiled = files.filter { Self.isPublic($0.key) }
            isEmbedded = true
        case .directory:
            compiled = try AssetSource.compiledInFiles().filter { $0.key.hasPrefix(Self.vendorFolder + "/") }
            isEmbedded = false
        }
        var prepared: [String: PreparedAsset] = [:]
        for (path, bytes) in compiled { prepared[path] = try PreparedAsset(path: path, bytes: bytes) }
        self.prepared = prepared
    }

    /// The public file at `path`, or nil when there is none.
    func file(at path: String) throws -> PreparedAsset? {
        guard Self.isPublic(path) else { return nil }
        if let file = prepared[path] { return file }
        if isEmbedded { return nil }
        return try source.bytes(at: path).map { try PreparedAsset(path: path, bytes: $0) }
    }

    static func isPublic(_ path: String) -> Bool {
        guard let folder = path.split(separator: "/").first, path.contains("/") else { return false }
        return folders.contains(String(folder))
    }
}
