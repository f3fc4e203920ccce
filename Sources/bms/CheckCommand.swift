import ArgumentParser
import BMSCore
import BMSStore

/// `bms check`: verifies that every index entry matches its record. Exit code 0 when clean, 1 when
/// problems were found, 2 when the data could not be checked at all.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the data's indexes against its records.",
        discussion: "Exits 0 when clean, 1 when problems were found (fix them with `bms reindex`), 2 on errors."
    )

    @OptionGroup var dataOption: DataOption

    func run() async throws {
        let report = try await reportingErrors(exitCode: 2) {
            let storeConfiguration = try dataOption.existingStoreConfiguration()
            let store = try storeConfiguration.openForCommand()
            defer { store.close() }
            return (path: storeConfiguration.path, report: try store.check())
        }
        let summary = "\(report.report.recordsChecked) records, \(report.report.indexEntriesChecked) index entries"
        if report.report.isClean {
            print("Checked \(report.path): \(summary); clean.")
            return
        }
        print("Checked \(report.path): \(summary); \(report.report.problems.count) problems:")
        for problem in report.report.problems { print("  - \(problem)") }
        throw ExitCode(1)
    }
}
