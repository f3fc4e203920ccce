import Foundation
import Testing

@testable import BMSServer

@Suite("Configuration: flags over environment over defaults")
struct ConfigurationTests {
    @Test("with nothing set, every setting has its documented default")
    func defaults() throws {
        let configuration = try AppConfiguration(environment: [:])
        #expect(configuration.store.path == "./bms-data")
        #expect(configuration.store.mapSize == nil && configuration.store.maximumMapSize == nil)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .json)
        #expect(configuration.rateLimitPerMinute == 200)
        #expect(configuration.searchCacheEntries == 4096)
        #expect(configuration.searchSnapshot)
        #expect(configuration.publicURL == nil)
        #expect(configuration.maxJSONBytes == 1_048_576)
        #expect(configuration.maxUploadBytes == 5_242_880)
        #expect(configuration.trustProxy == false)
        #expect(configuration.assetsDirectory == nil)
        #expect(configuration.isDemo == false)
        #expect(configuration.isPublishedOverHTTPS == false)
        #expect(configuration.jwtSecret == nil)
        #expect(configuration.bcryptCost == 12)
        #expect(configuration.smtpURL == nil)
        #expect(configuration.linkBaseURL == "http://127.0.0.1:8080")
        #expect(configuration.bookingHoldMinutes == 30 && configuration.ownerResponseHours == 24)
        #expect(configuration.platformFeeBasisPoints == 1000 && configuration.minimumStayNights == 1)
        let bookings = configuration.bookingSettings
        #expect(bookings.holdDuration == .seconds(30 * 60) && bookings.ownerResponseTime == .seconds(24 * 3600))
        #expect(bookings.feeBasisPoints == 1000 && bookings.minimumNights == 1)
    }

    @Test("every environment variable is read")
    func environment() throws {
        let configuration = try AppConfiguration(environment: [
            "BMS_DATA": "/srv/bms", "BMS_HOST": "0.0.0.0", "BMS_PORT": "9000", "LOG_LEVEL": "DEBUG",
            "LOG_FORMAT": "text", "RATE_LIMIT_PER_MIN": "0", "SEARCH_CACHE_ENTRIES": "0", "SEARCH_SNAPSHOT": "false",
            "PUBLIC_URL": "https://rooms.example.com",
            "BMS_MAX_JSON_BYTES": "2MiB", "BMS_MAX_UPLOAD_BYTES": "10485760", "BMS_MAP_SIZE": "1GiB",
            "BMS_MAX_MAP_SIZE": "4G", "BMS_TRUST_PROXY": "yes", "JWT_SECRET": String(repeating: "k", count: 32),
            "BCRYPT_COST": "13", "SMTP_URL": "smtps://user:pass@mail.example.com:465", "BOOKING_HOLD_MINUTES": "15",
            "OWNER_RESPONSE_HOURS": "48", "PLATFORM_FEE_BPS": "0", "MIN_STAY_NIGHTS": "30",
        ])
        let bookings = configuration.bookingSettings
        #expect(bookings.holdDuration == .seconds(15 * 60) && bookings.ownerResponseTime == .seconds(48 * 3600))
        #expect(bookings.feeBasisPoints == 0 && bookings.minimumNights == 30)
        #expect(configuration.jwtSecret == Array(repeating: UInt8(ascii: "k"), count: 32))
        #expect(configuration.bcryptCost == 13)
        #expect(configuration.smtpURL == URL(string: "smtps://user:pass@mail.example.com:465"))
        #expect(configuration.linkBaseURL == "https://rooms.example.com")
        #expect(configuration.store == StoreConfiguration(path: "/srv/bms", mapSize: 1 << 30, maximumMapSize: 4 << 30))
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .text)
        #expect(configuration.rateLimitPerMinute == 0)
        #expect(configuration.searchCacheEntries == 0)
        #expect(!configuration.searchSnapshot)
        #expect(configuration.publicURL == URL(string: "https://rooms.example.com"))
        #expect(configuration.isPublishedOverHTTPS)
        #expect(configuration.maxJSONBytes == 2 << 20)
        #expect(configuration.maxUploadBytes == 10 << 20)
        #expect(configuration.trustProxy)
        let options = configuration.store.options
        #expect(options.initialMapSize == 1 << 30 && options.maximumMapSize == 4 << 30)
    }

    @Test("flags win over environment variables")
    func flagsWin() throws {
        try withKnownDirectory { directory in
            let flags = ConfigurationFlags(data: "/flag/data", host: "::1", port: "8443", assets: directory)
            let configuration = try AppConfiguration(
                flags: flags, environment: ["BMS_DATA": "/env/data", "BMS_HOST": "10.0.0.1", "BMS_PORT": "9000"])
            #expect(configuration.store.path == "/flag/data")
            #expect(configuration.host == "::1")
            #expect(configuration.port == 8443)
            #expect(configuration.assetsDirectory == directory)
        }
    }

    @Test("--demo keeps the data in ./bms-demo, over BMS_DATA")
    func demo() throws {
        let configuration = try AppConfiguration(flags: ConfigurationFlags(demo: true), environment: ["BMS_DATA": "/env/data"])
        #expect(configuration.store.path == "./bms-demo")
        #expect(configuration.isDemo)
    }

    @Test("an empty environment variable counts as unset")
    func emptyIsUnset() throws {
        let configuration = try AppConfiguration(environment: ["BMS_PORT": "", "PUBLIC_URL": "", "BMS_DATA": ""])
        #expect(configuration.port == 8080 && configuration.publicURL == nil && configuration.store.path == "./bms-data")
    }

    @Test(
        "a bad environment value stops start-up with a message naming its variable",
        arguments: [
            ("BMS_PORT", "abc", "expected an integer 1…65535"),
            ("BMS_PORT", "0", "expected an integer 1…65535"),
            ("BMS_PORT", "65536", "expected an integer 1…65535"),
            ("BMS_HOST", "local host", "expected a host name or IP address such as 127.0.0.1"),
            ("LOG_LEVEL", "loud", "expected one of trace, debug, info, notice, warning, error, critical"),
            ("LOG_FORMAT", "xml", "expected one of json, text"),
            ("RATE_LIMIT_PER_MIN", "-1", "expected an integer 0…1000000"),
            ("RATE_LIMIT_PER_MIN", "many", "expected an integer 0…1000000"),
            ("SEARCH_CACHE_ENTRIES", "-1", "expected an integer 0…1000000"),
            ("PUBLIC_URL", "ftp://rooms.example.com", "expected an absolute http:// or https:// URL such as https://rooms.example.com"),
            ("PUBLIC_URL", "rooms.example.com", "expected an absolute http:// or https:// URL such as https://rooms.example.com"),
            ("BMS_MAX_JSON_BYTES", "lots", "expected a number of bytes of at least 1024, such as 1048576 or 1MiB"),
            ("BMS_MAX_JSON_BYTES", "12", "expected a number of bytes of at least 1024, such as 1048576 or 1MiB"),
            ("BMS_MAX_UPLOAD_BYTES", "5 PB", "expected a number of bytes of at least 1024, such as 1048576 or 1MiB"),
            ("BMS_MAP_SIZE", "big", "expected a number of bytes of at least 1048576, such as 1048576 or 1MiB"),
            ("BMS_MAX_MAP_SIZE", "99999999999999999999", "expected a number of bytes of at least 1048576, such as 1048576 or 1MiB"),
            ("BMS_TRUST_PROXY", "maybe", "expected true or false"),
            ("BCRYPT_COST", "3", "expected an integer 4…31"),
            ("BCRYPT_COST", "32", "expected an integer 4…31"),
            ("BOOKING_HOLD_MINUTES", "0", "expected an integer 1…1440"),
            ("BOOKING_HOLD_MINUTES", "1441", "expected an integer 1…1440"),
            ("BOOKING_HOLD_MINUTES", "half an hour", "expected an integer 1…1440"),
            ("OWNER_RESPONSE_HOURS", "0", "expected an integer 1…168"),
            ("OWNER_RESPONSE_HOURS", "169", "expected an integer 1…168"),
            ("PLATFORM_FEE_BPS", "-1", "expected an integer 0…5000"),
            ("PLATFORM_FEE_BPS", "5001", "expected an integer 0…5000"),
            ("PLATFORM_FEE_BPS", "10%", "expected an integer 0…5000"),
            ("MIN_STAY_NIGHTS", "0", "expected an integer 1…365"),
            ("MIN_STAY_NIGHTS", "366", "expected an integer 1…365"),
            ("STRIPE_API_BASE", "api.stripe.com", "expected an absolute http:// or https:// URL such as https://rooms.example.com"),
            ("DEMO_PAYOUT_MINUTES", "0", "expected an integer 1…10080"),
            ("DEMO_PAYOUT_MINUTES", "10081", "expected an integer 1…10080"),
        ])
    func badEnvironmentValue(variable: String, value: String, expectation: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try AppConfiguration(environment: [variable: value])
        }
        #expect(error.source == variable)
        #expect(error.description == "\(variable): \(expectation), got \"\(value)\"")
    }

    @Test("Stripe keys are checked by their prefix without being echoed, and a webhook secret is required with a secret key")
    func stripeKeys() throws {
        let key = try #require(throws: ConfigurationError.self) { try AppConfiguration(environment: ["STRIPE_SECRET_KEY": "pk_test_publishable"]) }
        #expect(key.description == "STRIPE_SECRET_KEY: expected a key starting with sk_ or rk_ such as sk_test_…")
        let hook = try #require(throws: ConfigurationError.self) { try AppConfiguration(environment: ["STRIPE_SECRET_KEY": "sk_test_123456789"]) }
        #expect(hook.source == "STRIPE_WEBHOOK_SECRET")
        let environment = [
            "STRIPE_SECRET_KEY": "sk_test_123456789", "STRIPE_WEBHOOK_SECRET": "whsec_123456789", "STRIPE_PUBLISHABLE_KEY": "pk_test_123456789",
            "STRIPE_API_BASE": "http://127.0.0.1:12111", "DEMO_PAYOUT_MINUTES": "15",
        ]
        let stripe = try AppConfiguration(environment: environment)
        #expect(stripe.usesStripe && stripe.stripeWebhookSecret == "whsec_123456789" && stripe.stripePublishableKey == "pk_test_123456789")
        #expect(stripe.stripeAPIBase.absoluteString == "http://127.0.0.1:12111" && stripe.demoPayoutMinutes == 15)
        // The demo's made-up payments belong to the demo provider.
        #expect(!(try AppConfiguration(flags: ConfigurationFlags(demo: true), environment: environment)).usesStripe)
        #expect(!(try AppConfiguration(environment: [:])).usesStripe)
    }

    @Test("a short JWT_SECRET or a bad SMTP_URL is named, and the value is not echoed")
    func secrets() throws {
        let jwt = try #require(throws: ConfigurationError.self) { try AppConfiguration(environment: ["JWT_SECRET": "hunter2-too-short"]) }
        #expect(jwt.description == "JWT_SECRET: expected at least 32 bytes (e.g. `openssl rand -hex 32`); it has 17")
        let smtp = try #require(throws: ConfigurationError.self) {
            try AppConfiguration(environment: ["SMTP_URL": "http://user:secret@mail.example.com"])
        }
        #expect(smtp.source == "SMTP_URL" && !smtp.description.contains("secret"))
    }

    @Test("e-mail links start at PUBLIC_URL without a trailing slash, or at the listening address")
    func linkBase() throws {
        #expect(try AppConfiguration(environment: ["PUBLIC_URL": "https://rooms.example.com/"]).linkBaseURL == "https://rooms.example.com")
        #expect(try AppConfiguration(environment: ["BMS_HOST": "::1", "BMS_PORT": "9000"]).linkBaseURL == "http://[::1]:9000")
        #expect(try AppConfiguration(environment: [:]).accountSettings.publicURL == "http://127.0.0.1:8080/auth")
    }

    @Test("the port message reads exactly as documented")
    func portMessage() throws {
        let error = try #require(throws: ConfigurationError.self) { try AppConfiguration(environment: ["BMS_PORT": "abc"]) }
        #expect(error.description == #"BMS_PORT: expected an integer 1…65535, got "abc""#)
    }

    @Test("a bad flag value names the flag, not the variable")
    func badFlags() throws {
        let port = try #require(throws: ConfigurationError.self) {
            try AppConfiguration(flags: ConfigurationFlags(port: "eighty"), environment: ["BMS_PORT": "9000"])
        }
        #expect(port.description == #"--port: expected an integer 1…65535, got "eighty""#)
        let host = try #require(throws: ConfigurationError.self) {
            try AppConfiguration(flags: ConfigurationFlags(host: ""), environment: [:])
        }
        #expect(host.source == "--host")
        let assets = try #require(throws: ConfigurationError.self) {
            try AppConfiguration(flags: ConfigurationFlags(assets: "/no/such/folder"), environment: [:])
        }
        #expect(assets.description == #"--assets: expected an existing directory, got "/no/such/folder""#)
        let demo = try #require(throws: ConfigurationError.self) {
            try AppConfiguration(flags: ConfigurationFlags(data: "/x", demo: true), environment: [:])
        }
        #expect(demo.source == "--demo")
    }

    @Test("a maximum map size below the initial one names BMS_MAX_MAP_SIZE")
    func mapSizes() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try StoreConfiguration(dataFlag: nil, environment: ["BMS_MAP_SIZE": "2GiB", "BMS_MAX_MAP_SIZE": "1GiB"])
        }
        #expect(error.source == "BMS_MAX_MAP_SIZE")
        #expect(error.description.contains("at least BMS_MAP_SIZE"))
        // Only a maximum: the initial map is capped by it.
        let capped = try StoreConfiguration(dataFlag: nil, environment: ["BMS_MAX_MAP_SIZE": "1GiB"])
        #expect(capped.options.initialMapSize == 1 << 30 && capped.options.maximumMapSize == 1 << 30)
    }

    @Test("byte counts accept plain bytes and binary units")
    func byteCounts() throws {
        let parse = ValueParsers.byteCount(minimum: 1)
        #expect(try parse("1048576").get() == 1_048_576)
        #expect(try parse("1MiB").get() == 1 << 20)
        #expect(try parse("64 GiB").get() == 64 << 30)
        #expect(try parse("2k").get() == 2048)
        #expect((try? parse("1.5MiB").get()) == nil)
        #expect((try? parse("-5").get()) == nil)
    }

    private func withKnownDirectory(_ body: (String) throws -> Void) throws {
        try body(FileManager.default.temporaryDirectory.path)
    }
}
