import ArgumentParser
import BMSCore
import BMSServer

/// `bms`: the BookMySleep server and its maintenance commands, in one binary.
@main
struct BMSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bms",
        abstract: "BookMySleep: paying-guest accommodation booking, as one self-contained program.",
        discussion: """
            The data lives in one LMDB data directory (holding data.mdb), chosen with --data or BMS_DATA \
            (default ./bms-data). Run `bms help <command>` for a command's options.
            """,
        version: VersionCommand.text,
        subcommands: [
            ServeCommand.self, SeedCommand.self, AdminCommand.self, BackupCommand.self, CheckCommand.self, ReindexCommand.self,
            ImportCommand.self, VersionCommand.self,
        ]
    )
}
