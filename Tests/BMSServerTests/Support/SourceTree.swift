import Foundation

/// Paths in this repository, found from this source file, for comparing served bytes with the files.
enum SourceTree {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func asset(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appending(path: "Assets/" + path)))
    }
}
