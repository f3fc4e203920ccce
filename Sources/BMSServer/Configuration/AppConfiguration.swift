import BMSCore
import Foundation
import Logging

/// Everything `bms serve` can be told, resolved once at start-up: flags override environment variables,
/// which override defaults. Parsing is a pure function of the flags and an environment dictionary, so
/// tests pass their own and a bad value stops start-up with a message naming its variable.
public struct AppConfiguration: Sendable, Equatable {
    public var store: StoreConfiguration
    /// `BMS_HOST` / `--host`: the address to listen on.
    public var host: String
    /// `BMS_PORT` / `--port`.
    public var port: Int
    /// `LOG_LEVEL`: trace, debug, info (default), notice, warning, error, critical.
    public var logLevel: Logger.Level
    /// `LOG_FORMAT`: json (default) or text.
    public var logFormat: LogFormat
    /// `RATE_LIMIT_PER_MIN`: requests per minute per client address; 0 switches the limit off.
    public var rateLimitPerMinute: Int
    /// `SEARCH_CACHE_ENTRIES`: search answers kept until a listing changes (`SearchCache`); 0 keeps none.
    public var searchCacheEntries: Int
    /// `SEARCH_SNAPSHOT`: whether search reads the listings from a snapshot in memory (`SearchSnapshot`),
    /// rebuilt in the background after they change; off, every search reads the store's indexes.
    public var searchSnapshot: Bool
    /// `PUBLIC_URL`: the address users reach the site at; an https URL turns on HSTS.
    public var publicURL: URL?
    /// `BMS_MAX_JSON_BYTES`: the largest request body other than an upload.
    public var maxJSONBytes: Int
    /// `BMS_MAX_UPLOAD_BYTES`: the largest upload body (images, multipart forms).
    public var maxUploadBytes: Int
    /// `BMS_TRUST_PROXY`: take the client address from `X-Forwarded-For` (set only behind a proxy you run).
    public var trustProxy: Bool
    /// `--assets DIR` (flag only): read assets and templates from this folder on every request (development).
    public var assetsDirectory: String?
    /// `--demo`: demo data directory and a start-up banner.
    public var isDemo: Bool
    /// `JWT_SECRET`: the HS256 key for access tokens (at least 32 bytes); nil keeps the key generated
    /// once and stored in the data file, so tokens survive a restart without any setting.
    public var jwtSecret: [UInt8]?
    /// `BCRYPT_COST`: bcrypt's work factor for new password hashes, 4…31 (default 12; lower only in tests).
    public var bcryptCost: Int
    /// `SMTP_URL`: where e-mail will be delivered (`smtp://` or `smtps://`). Recorded only in this
    /// release; while it is unset, each e-mail's link is logged so a local operator can follow it.
    public var smtpURL: URL?
    /// `BOOKING_HOLD_MINUTES`: how long a new, unpaid booking keeps its beds, 1…1440 (default 30).
    public var bookingHoldMinutes: Int
    /// `OWNER_RESPONSE_HOURS`: how long a paid request to an approval-required property waits for its
    /// owner, 1…168 (default 24).
    public var ownerResponseHours: Int
    /// `PLATFORM_FEE_BPS`: the platform's commission on rent in hundredths of a percent, 0…5000 (default
    /// 1000 = 10 %).
    public var platformFeeBasisPoints: Int
    /// `MIN_STAY_NIGHTS`: the shortest stay that may be booked, 1…365 (default 1).
    public var minimumStayNights: Int
    /// `STRIPE_SECRET_KEY`: switches payments from the built-in demo provider to Stripe.
    public var stripeSecretKey: String?
    /// `STRIPE_WEBHOOK_SECRET`: the signing secret of the Stripe webhook endpoint; required with
    /// `STRIPE_SECRET_KEY`. Unset with the demo provider, which signs with a secret kept in the data file.
    public var stripeWebhookSecret: String?
    /// `STRIPE_API_BASE`: where the Stripe API is (default https://api.stripe.com; tests point it at a fake).
    public var stripeAPIBase: URL
    /// `STRIPE_PUBLISHABLE_KEY`: the key browsers use with Stripe.js, handed to clients with a checkout.
    public var stripePublishableKey: String?
    /// `DEMO_PAYOUT_MINUTES`: how often the demo provider pays owners' balances out, 1…10080 (default 5: a demo shows payouts soon after a payment; Stripe's own schedule is daily).
    public var demoPayoutMinutes: Int
    /// `MAP_TILE_URL`: the maps' tile URL template (default OpenStreetMap's); images may load from its origin.
    public var mapTiles: MapTiles

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    /// The lowest bcrypt cost fit for real passwords; anything lower is logged as a warning.
    public static let recommendedBcryptCost = 12

    /// Every default, with the given data location.
    private init(store: StoreConfiguration) {
        self.store = store
        self.host = Self.defaultHost
        self.port = Self.defaultPort
        self.logLevel = .info
        self.logFormat = .json
        self.rateLimitPerMinute = 200
        self.searchCacheEntries = ListingService.defaultSearchCacheEntries
        self.searchSnapshot = true
        self.publicURL = nil
        self.maxJSONBytes = 1 << 20
        self.maxUploadBytes = 5 << 20
        self.trustProxy = false
        self.assetsDirectory = nil
        self.isDemo = false
        self.jwtSecret = nil
        self.bcryptCost = Self.recommendedBcryptCost
        self.smtpURL = nil
        self.bookingHoldMinutes = 30
        self.ownerResponseHours = 24
        self.platformFeeBasisPoints = 1000
        self.minimumStayNights = 1
        self.stripeSecretKey = nil
        self.stripeWebhookSecret = nil
        self.stripeAPIBase = URL(string: "https://api.stripe.com")!
        self.stripePublishableKey = nil
        self.demoPayoutMinutes = 5
        self.mapTiles = .openStreetMap
    }

    /// Resolves every setting from the flags and the environment.
    /// - Parameters:
    ///   - flags: what was given on the command line.
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment`), or a test's.
    /// - Throws: `ConfigurationError` naming the first variable or flag whose value cannot be used.
    public init(flags: ConfigurationFlags = ConfigurationFlags(), environment: [String: String]) throws(ConfigurationError) {
        self.init(store: try StoreConfiguration(dataFlag: flags.data, demo: flags.demo, environment: environment))
        var given: [String: String] = [:]
        given["--host"] = flags.host
        given["--port"] = flags.port
        let source = ConfigurationSource(flags: given, environment: environment)

        host = try source.read("BMS_HOST", flag: "--host", default: host, ValueParsers.host)
        port = try source.read("BMS_PORT", flag: "--port", default: port, ValueParsers.integer(in: 1...65535))
        logLevel = try source.read("LOG_LEVEL", default: logLevel, ValueParsers.logLevel)
        logFormat = try source.read("LOG_FORMAT", default: logFormat, ValueParsers.oneOf(LogFormat.self))
        rateLimitPerMinute = try source.read(
            "RATE_LIMIT_PER_MIN", default: rateLimitPerMinute, ValueParsers.integer(in: 0...1_000_000))
        searchCacheEntries = try source.read(
            "SEARCH_CACHE_ENTRIES", default: searchCacheEntries, ValueParsers.integer(in: 0...1_000_000))
        searchSnapshot = try source.read("SEARCH_SNAPSHOT", default: searchSnapshot, ValueParsers.boolean)
        publicURL = try source.read("PUBLIC_URL", default: nil) { ValueParsers.publicURL($0).map(Optional.some) }
        maxJSONBytes = try source.read("BMS_MAX_JSON_BYTES", default: maxJSONBytes, ValueParsers.byteCount(minimum: 1024))
        maxUploadBytes = try source.read(
            "BMS_MAX_UPLOAD_BYTES", default: maxUploadBytes, ValueParsers.byteCount(minimum: 1024))
        trustProxy = try source.read("BMS_TRUST_PROXY", default: trustProxy, ValueParsers.boolean)
        jwtSecret = try source.read("JWT_SECRET", default: nil) { ValueParsers.secret(minimumBytes: 32)($0).map(Optional.some) }
        bcryptCost = try source.read("BCRYPT_COST", default: bcryptCost, ValueParsers.integer(in: 4...31))
        smtpURL = try source.read("SMTP_URL", default: nil) { ValueParsers.smtpURL($0).map(Optional.some) }
        bookingHoldMinutes = try source.read("BOOKING_HOLD_MINUTES", default: bookingHoldMinutes, ValueParsers.integer(in: 1...1440))
        ownerResponseHours = try source.read("OWNER_RESPONSE_HOURS", default: ownerResponseHours, ValueParsers.integer(in: 1...168))
        platformFeeBasisPoints = try source.read("PLATFORM_FEE_BPS", default: platformFeeBasisPoints, ValueParsers.integer(in: 0...5000))
        minimumStayNights = try source.read(
            "MIN_STAY_NIGHTS", default: minimumStayNights, ValueParsers.integer(in: 1...BookingSettings.maximumNights))
        stripeSecretKey = try source.read("STRIPE_SECRET_KEY", default: nil) {
            ValueParsers.key(prefixes: ["sk_", "rk_"], example: "sk_test_…")($0).map(Optional.some)
        }
        stripeWebhookSecret = try source.read("STRIPE_WEBHOOK_SECRET", default: nil) {
            ValueParsers.key(prefixes: ["whsec_"], example: "whsec_…")($0).map(Optional.some)
        }
        stripeAPIBase = try source.read("STRIPE_API_BASE", default: stripeAPIBase, ValueParsers.publicURL)
        stripePublishableKey = try source.read("STRIPE_PUBLISHABLE_KEY", default: nil) {
            ValueParsers.key(prefixes: ["pk_"], example: "pk_test_…")($0).map(Optional.some)
        }
        demoPayoutMinutes = try source.read("DEMO_PAYOUT_MINUTES", default: demoPayoutMinutes, ValueParsers.integer(in: 1...10080))
        mapTiles = try source.read("MAP_TILE_URL", default: mapTiles, MapTiles.parse)
        if stripeSecretKey != nil, stripeWebhookSecret == nil {
            throw ConfigurationError(
                source: "STRIPE_WEBHOOK_SECRET", problem: "required when STRIPE_SECRET_KEY is set (the webhook endpoint's signing secret, whsec_…)")
        }
        if let assets = flags.assets {
            guard Self.isDirectory(assets) else {
                throw ConfigurationError(source: "--assets", problem: ValueProblem("an existing directory").expected(got: assets))
            }
            assetsDirectory = assets
        }
        isDemo = flags.demo
    }

    /// True when the site is published over HTTPS, so browsers may be told to insist on it (HSTS).
    public var isPublishedOverHTTPS: Bool { publicURL?.scheme?.lowercased() == "https" }

    /// The address e-mail links start with: `PUBLIC_URL` without a trailing slash, or the listening
    /// address (`http://127.0.0.1:8080`) when it is not set.
    public var linkBaseURL: String {
        if let publicURL {
            let text = publicURL.absoluteString
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "http://\(host):\(port)"
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return !path.isEmpty && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// How log lines are written.
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: for log collectors.
    case json
    /// `time LEVEL message key=value`: for people reading a terminal.
    case text
}
