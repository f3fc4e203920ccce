import ArgumentParser
import BMSCore
import BMSServer

/// `bms version`: which build this is and which data schema it reads and writes.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of bms and the data schema version it understands."
    )

    static var text: String { "bms \(AppVersion.current) (data schema \(BookMySleepSchema.current.version))" }

    func run() {
        print(Self.text)
    }
}
