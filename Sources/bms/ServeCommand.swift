import ArgumentParser
import BMSServer
import Foundation
import NIOCore

/// `bms serve`: runs the web server until SIGTERM or SIGINT, then finishes in-flight requests and closes
/// the data store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the BookMySleep web server.",
        discussion: """
            Flags override environment variables, which override defaults. Environment variables: \
            BMS_DATA, BMS_HOST, BMS_PORT, LOG_LEVEL (trace…critical, default info), LOG_FORMAT (json|text, \
            default json), RATE_LIMIT_PER_MIN (default 200; 0 = off), SEARCH_CACHE_ENTRIES (search answers kept until \
            a listing changes, default 4096; 0 = off), SEARCH_SNAPSHOT (true|false, default true: search reads the \
            listings from memory, rebuilt in the background after they change), PUBLIC_URL (the base of e-mail links; https \
            turns on HSTS and Secure cookies), BMS_MAX_JSON_BYTES (default 1MiB), BMS_MAX_UPLOAD_BYTES (default 5MiB), BMS_MAP_SIZE, \
            BMS_MAX_MAP_SIZE, BMS_TRUST_PROXY (true|false, default false), JWT_SECRET (at least 32 bytes; default: a \
            key generated once and kept in the data), BCRYPT_COST (4…31, default 12; below 12 for tests only), \
            SMTP_URL (smtp:// or smtps://; while unset, e-mail links are logged), BOOKING_HOLD_MINUTES (1…1440, default \
            30), OWNER_RESPONSE_HOURS (1…168, default 24), PLATFORM_FEE_BPS (0…5000, default 1000), MIN_STAY_NIGHTS \
            (1…365, default 1), STRIPE_SECRET_KEY (sk_…; unset: the built-in demo payment provider), \
            STRIPE_WEBHOOK_SECRET (whsec_…; required with STRIPE_SECRET_KEY), STRIPE_API_BASE (default \
            https://api.stripe.com), STRIPE_PUBLISHABLE_KEY (pk_…), DEMO_PAYOUT_MINUTES (1…10080, default 5), MAP_TILE_URL (the maps' \
            tile URL template with {z}, {x}, {y}; default https://tile.openstreetmap.org/{z}/{x}/{y}.png). \
            Background jobs (expiring unpaid holds, completing finished stays, settling refunds and held shares, \
            demo payouts) run inside the server. Stops gracefully on SIGTERM or SIGINT.
            """
    )

    @OptionGroup var dataOption: DataOption

    @Option(help: ArgumentHelp("The address to listen on. Overrides BMS_HOST; default 127.0.0.1.", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("The port to listen on (1–65535). Overrides BMS_PORT; default 8080.", valueName: "port"))
    var port: String?

    @Flag(help: "Try BookMySleep: keep the data in ./bms-demo (created if missing) and print the site's address.")
    var demo = false

    @Option(
        help: ArgumentHelp(
            "Development: read assets and templates from this folder on every request instead of the copies built into bms.",
            valueName: "dir"))
    var assets: String?

    func run() async throws {
        try await reportingErrors {
            let flags = ConfigurationFlags(data: dataOption.data, host: host, port: port, assets: assets, demo: demo)
            let configuration = try AppConfiguration(flags: flags, environment: ProcessInfo.processInfo.environment)
            let app = try await buildApplication(ServeArguments(configuration: configuration))
            do {
                try await app.runService()
            } catch let error as IOError {
                throw Self.listenFailure(error, configuration) ?? error
            }
        }
    }

    /// The usual reasons the server cannot listen, in words instead of a socket call's name.
    static func listenFailure(_ error: IOError, _ configuration: AppConfiguration) -> CommandError? {
        let reason: String
        switch error.errnoCode {
        case EADDRINUSE: reason = "the address is already in use (is another server running?)"
        case EADDRNOTAVAIL: reason = "this machine has no such address"
        case EACCES: reason = "permission denied (ports below 1024 need privileges)"
        default: return nil
        }
        return CommandError("cannot listen on \(configuration.host):\(configuration.port): \(reason)")
    }
}

/// The resolved configuration, as `buildApplication` takes it.
struct ServeArguments: AppArguments {
    let configuration: AppConfiguration
}
