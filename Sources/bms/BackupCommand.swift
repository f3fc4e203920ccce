import ArgumentParser
import BMSCore
import BMSStore
import Foundation

/// `bms backup`: a consistent, compacted copy of the data in one file, taken while a server may be
/// running on the same data (LMDB is safe to share between processes).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a hot backup of the data to one file.",
        discussion: """
            Safe while `bms serve` runs on the same data. The backup is a single data file: check it with \
            `bms check --data FILE`; restore it by putting it back as data.mdb in a data directory.
            """
    )

    @Option(help: ArgumentHelp("The backup file to write.", valueName: "file"))
    var to: String

    @OptionGroup var dataOption: DataOption

    @Flag(help: "Replace the backup file if it exists.")
    var force = false

    func run() async throws {
        try await reportingErrors {
            let storeConfiguration = try dataOption.existingStoreConfiguration()
            if !force, FileManager.default.fileExists(atPath: to) {
                throw CommandError("\(to) exists; pass --force to replace it")
            }
            let store = try storeConfiguration.openForCommand()
            defer { store.close() }
            try store.backup(to: to, overwrite: force)
            let size = (try? FileManager.default.attributesOfItem(atPath: to)[.size] as? Int) ?? 0
            print("Backed up \(storeConfiguration.path) to \(to) (\(size) bytes).")
        }
    }
}
