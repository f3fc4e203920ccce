import Foundation
import PackagePlugin

/// Turns every file under the package's `Assets/` folder into a generated Swift source of base64 string
/// literals, so the `bms` binary serves its pages with no files beside it.
///
/// String literals, not `.embedInCode` byte arrays: measured here, a 431 KB byte-array literal took ~90 s
/// to compile in release, the same bytes as a base64 string ~1.4 s.
@main
struct EmbedAssets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let assets = context.package.directoryURL.appending(path: "Assets")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
        return [
            .buildCommand(
                displayName: "Embedding Assets/ into \(target.name)",
                executable: try context.tool(named: "embed-assets").url,
                arguments: [assets.path(), output.path()],
                inputFiles: Self.files(under: assets),
                outputFiles: [output]
            )
        ]
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
