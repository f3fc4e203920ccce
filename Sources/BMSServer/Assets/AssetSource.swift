import Foundation

/// Where the files of `Assets/` come from: the copies compiled into the binary (the default, so `bms`
/// runs from any directory), or a folder on disk read on every use (`--assets DIR`, for editing pages
/// and styles without rebuilding).
enum AssetSource: Sendable {
    case embedded([String: [UInt8]])
    case directory(String)

    /// The files compiled into the binary, decoded once.
    static func compiledIn() throws(AssetError) -> AssetSource {
        .embedded(try compiledInFiles())
    }

    /// The bytes of every file compiled into the binary, by path.
    static func compiledInFiles() throws(AssetError) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, base64) in EmbeddedAssetFiles.all {
            guard let data = Data(base64Encoded: base64) else { throw AssetError.undecodable(path) }
            files[path] = Array(data)
        }
        return files
    }

    /// The bytes of the file at `path` (relative, `/`-separated), or nil when there is none. Paths with
    /// empty, `.`, `..` or hidden segments are never looked up, so a request cannot leave the folder.
    func bytes(at path: String) throws(AssetError) -> [UInt8]? {
        guard Self.isSafe(path) else { return nil }
        switch self {
        case .embedded(let files):
            return files[path]
        case .directory(let root):
            let url = URL(filePath: root, directoryHint: .isDirectory).appending(path: path, directoryHint: .notDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { return nil }
            do {
                return Array(try Data(contentsOf: url))
            } catch {
                throw AssetError.unreadable(path: url.path, reason: error.localizedDescription)
            }
        }
    }

    /// The relative paths of the files under `folder` (one level of nesting or more), sorted.
    func paths(under folder: String) throws(AssetError) -> [String] {
        switch self {
        case .embedded(let files):
            return files.keys.filter { $0.hasPrefix(folder + "/") }.sorted()
        case .directory(let root):
            let base = URL(filePath: root, directoryHint: .isDirectory).appending(path: folder, directoryHint: .isDirectory)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else {
                throw AssetError.unreadable(path: base.path, reason: "not a readable directory")
            }
            return walker.compactMap { $0 as? String }.map { folder + "/" + $0 }.filter(Self.isSafe).filter { path in
                var isDirectory: ObjCBool = false
                let full = URL(filePath: root, directoryHint: .isDirectory).appending(path: path).path
                return FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && !isDirectory.boolValue
            }.sorted()
        }
    }

    static func isSafe(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
    }
}

/// An asset that cannot be used. Start-up stops on these; in `--assets` mode a request fails with 500.
enum AssetError: Error, CustomStringConvertible, Equatable {
    case undecodable(String)
    case unreadable(path: String, reason: String)
    case missing(String)
    case invalidTemplate(name: String, reason: String)
    case invalidOpenAPI(reason: String)

    var description: String {
        switch self {
        case .undecodable(let path): "the embedded asset \(path) is not valid base64 (rebuild bms)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .missing(let path): "the asset \(path) is missing"
        case .invalidTemplate(let name, let reason): "the template \(name) does not parse: \(reason)"
        case .invalidOpenAPI(let reason): "openapi.yaml is not a usable OpenAPI document: \(reason)"
        }
    }
}
