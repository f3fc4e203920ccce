import Foundation
import PackagePlugin

/// Turns every file under the package's `Assets/` folder, and Leaflet from Debian's `libjs-leaflet`, into
/// a generated Swift source of base64 string literals, so the `bms` binary serves its pages with no files
/// beside it.
///
/// String literals, not `.embedInCode` byte arrays: measured here, a 431 KB byte-array literal took ~90 s
/// to compile in release, the same bytes as a base64 string ~1.4 s.
@main
struct EmbedAssets: BuildToolPlugin {
    /// Where Debian's `libjs-leaflet` installs Leaflet. It is compiled in from there, never committed.
    static let leafletDirectory = URL(filePath: "/usr/share/javascript/leaflet", directoryHint: .isDirectory)
    /// The Leaflet files the pages use: the script, its styles and the marker and layer images they name.
    static let leafletFiles = [
        "leaflet.js", "leaflet.css", "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png",
        "images/layers.png", "images/layers-2x.png",
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let assets = context.package.directoryURL.appending(path: "Assets")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
        let leaflet = try Self.leafletInputs()
        return [
            .buildCommand(
                displayName: "Embedding Assets/ and Leaflet into \(target.name)",
                executable: try context.tool(named: "embed-assets").url,
                arguments: [assets.path(), output.path()] + leaflet.map { "vendor/leaflet/\($0.name)=\($0.url.path())" },
                inputFiles: Self.files(under: assets) + leaflet.map(\.url),
                outputFiles: [output]
            )
        ]
    }

    /// Leaflet's files with the names they are served under; a build without them stops here, naming
    /// the package to install.
    static func leafletInputs() throws -> [(name: String, url: URL)] {
        try leafletFiles.map { name in
            let url = leafletDirectory.appending(path: name, directoryHint: .notDirectory)
            guard FileManager.default.isReadableFile(atPath: url.path()) else { throw MissingLeaflet(path: url.path()) }
            return (name, url)
        }
    }

    /// Every regular file below `root`, so that editing, adding or removing an asset re-runs the command.
    static func files(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        } + [root]
    }
}

/// A Leaflet file the build needs is not installed.
struct MissingLeaflet: Error, CustomStringConvertible {
    let path: String

    var description: String {
        "Leaflet is missing: \(path) does not exist. The map is built from Debian's libjs-leaflet package: "
            + "install it with `make deps` or `apt-get install libjs-leaflet`, then build again."
    }
}
