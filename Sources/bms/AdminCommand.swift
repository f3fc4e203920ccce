import ArgumentParser

/// `bms admin`: administrator accounts. Admins are never created by public registration.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage administrator accounts.",
        subcommands: [AdminCreateCommand.self]
    )
}
