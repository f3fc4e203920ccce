import ArgumentParser
import BMSCore
import BMSServer
import BMSStore
import Foundation

/// `bms admin create`: creates an administrator in the data directory (creating the data if it does not
/// exist yet, so an operator can make the first admin before the first start). Safe while a server runs
/// on the same data.
struct AdminCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an administrator account.",
        discussion: """
            Without --password, the password is asked for twice on the terminal, without echo (so it stays \
            out of the shell history). The password must have at least 10 characters, not all of one kind, \
            and must not be the e-mail address. BCRYPT_COST applies as for `bms serve`. Exits 0 when the \
            admin was created, 1 otherwise.
            """
    )

    @Option(help: ArgumentHelp("The admin's e-mail address, used to log in.", valueName: "address"))
    var email: String

    @Option(help: ArgumentHelp("The password. Omit it to be asked on the terminal.", valueName: "password"))
    var password: String?

    @Option(help: ArgumentHelp("First name (default Site).", valueName: "name"))
    var firstName = "Site"

    @Option(help: ArgumentHelp("Last name (default Admin).", valueName: "name"))
    var lastName = "Admin"

    @Option(name: .customLong("phone"), help: ArgumentHelp("Phone number (7–20 digits, +, -, spaces, parentheses).", valueName: "number"))
    var phoneNumber: String

    @OptionGroup var dataOption: DataOption

    func run() async throws {
        try await reportingErrors {
            let configuration = try AppConfiguration(
                flags: ConfigurationFlags(data: dataOption.data), environment: ProcessInfo.processInfo.environment)
            let password = try self.password ?? PasswordPrompt.askTwice()
            let store = try configuration.store.openForCommand()
            defer { store.close() }
            let accounts = try AccountService(store: store, settings: configuration.accountSettings)
            do {
                let admin = try await accounts.createAdmin(
                    firstName: firstName, lastName: lastName, email: email, password: password, phoneNumber: phoneNumber)
                print("Created admin \(admin.email.value) (id \(admin.id)) in \(configuration.store.path).")
            } catch let error as AccountError {
                throw CommandError(Self.explain(error))
            }
        }
    }

    /// An account error in the words of the command line: each bad field with its option.
    static func explain(_ error: AccountError) -> String {
        let options = [
            "email": "--email", "password": "--password", "firstName": "--first-name", "lastName": "--last-name", "phoneNumber": "--phone",
        ]
        switch error {
        case .validation(let fields):
            return "cannot create the admin: "
                + fields.sorted { $0.key < $1.key }.map { "\(options[$0.key] ?? $0.key) \($0.value)" }.joined(separator: "; ")
        case .emailTaken:
            return "cannot create the admin: an account with this e-mail address exists already"
        default:
            return "cannot create the admin: \(error)"
        }
    }
}
