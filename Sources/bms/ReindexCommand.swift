import ArgumentParser
import BMSCore
import BMSStore

/// `bms reindex`: rebuilds every index from the records, in one write transaction.
struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild every index from the records.",
        discussion: "Runs in one transaction: readers (including a running server) see the old indexes until it commits."
    )

    @OptionGroup var dataOption: DataOption

    func run() async throws {
        try await reportingErrors {
            let storeConfiguration = try dataOption.existingStoreConfiguration()
            let store = try storeConfiguration.openForCommand()
            defer { store.close() }
            let entries = try await store.reindex()
            print("Rebuilt \(entries) index entries in \(storeConfiguration.path).")
        }
    }
}
