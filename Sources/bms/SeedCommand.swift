import ArgumentParser
import BMSCore
import BMSServer
import Foundation

/// `bms seed`: loads the demo data set (the one `bms serve --demo` starts with) into a data directory.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load the demo data set: 1 admin, 3 owners, 10 properties with rooms, 20 seekers, 30 bookings.",
        discussion: """
            Creates the data directory if needed. Does nothing to data that already has users, so it never \
            mixes demo accounts into real data. Every demo account's password is printed. BCRYPT_COST applies \
            as for `bms serve`. Exits 0 when the data was loaded or was already there.
            """
    )

    @OptionGroup var dataOption: DataOption

    func run() async throws {
        try await reportingErrors {
            let configuration = try AppConfiguration(
                flags: ConfigurationFlags(data: dataOption.data), environment: ProcessInfo.processInfo.environment)
            guard let summary = try await seedDemoData(configuration) else {
                print("\(configuration.store.path) already has users; nothing was loaded.")
                return
            }
            print(
                """
                Loaded \(summary.users) users, \(summary.properties) properties with \(summary.rooms) rooms and \(summary.bookings) bookings \
                into \(configuration.store.path).
                Log in as \(DemoData.adminEmail), owner1…3@bookmysleep.demo or seeker1…20@bookmysleep.demo with the password \(DemoData.password).
                """)
        }
    }
}
