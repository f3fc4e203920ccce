import BMSCore
import BMSPayments
import BMSStore
import Foundation
import Logging
import Prometheus

/// The long-lived parts of one application, made once at start-up and handed to the controllers and
/// middleware that use them.
struct AppDependencies: Sendable {
    let configuration: AppConfiguration
    let logger: Logger
    let store: Store
    let pages: PageRenderer
    /// The site's Content-Security-Policy (images from us and the map's tile server).
    let contentSecurityPolicy: ContentSecurityPolicy
    let publicAssets: PublicAssets
    let openAPI: OpenAPIController
    let metricsRegistry: PrometheusCollectorRegistry
    let httpMetrics: HTTPMetrics
    let storeMetrics: StoreMetrics
    let searchCacheMetrics: SearchCacheMetrics
    /// Nil when `RATE_LIMIT_PER_MIN` is 0.
    let rateLimiter: TokenBucketLimiter?
    let accounts: AccountService
    let accessTokens: AccessTokens
    let media: MediaLibrary
    let outbox: Outbox
    let mailLinks: MailLinkLog
    let listings: ListingService
    let notifications: Notifications
    /// What the domain reports after each commit (a booking requested, confirmed, …), for live delivery.
    let events: DomainEvents
    let bookings: BookingService
    let payments: PaymentService
    /// The built-in provider when it takes the payments: its checkout and onboarding pages and payouts.
    let demoPayments: DemoPaymentProvider?
    /// Where provider events are verified and acted on: the webhook route, and the demo provider's deliveries.
    let webhook: WebhookReceiver
    let jobLog: JobLog
    /// The wall clock of accounts, tokens, listings and bookings (issue times, expiry, lockouts, holds,
    /// "today" for bookings); tests pass their own.
    let now: @Sendable () -> Date

    /// Loads and checks the assets, then opens (creating or migrating) the data store. Assets come
    /// first because they have no side effects: a broken template must not leave a new data directory
    /// behind. Then the accounts: the access-token key is `JWT_SECRET`, or else the key generated once
    /// and kept in the data, so tokens stay valid across restarts without any setting.
    /// - Parameters:
    ///   - monotonicNow: the rate limiter's clock; tests pass their own.
    ///   - now: the wall clock of accounts, tokens, listings and bookings; tests pass their own.
    init(
        configuration: AppConfiguration, logger: Logger,
        monotonicNow: @escaping @Sendable () -> Duration = TokenBucketLimiter.monotonicNow,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws {
        self.configuration = configuration
        self.logger = logger
        let source = try configuration.assetsDirectory.map { AssetSource.directory($0) } ?? AssetSource.compiledIn()
        let tiles = configuration.mapTiles
        pages = try PageRenderer(source: source, siteValues: ["mapTiles": tiles.template, "mapAttribution": tiles.attribution])
        contentSecurityPolicy = ContentSecurityPolicy(tileOrigin: tiles.origin)
        publicAssets = try PublicAssets(source: source)
        openAPI = try OpenAPIController(source: source)
        rateLimiter = configuration.rateLimitPerMinute > 0 ? TokenBucketLimiter(perMinute: configuration.rateLimitPerMinute, now: monotonicNow) : nil

        store = try configuration.store.open { logger.notice("\($0)") }
        metricsRegistry = PrometheusCollectorRegistry()
        httpMetrics = HTTPMetrics(registry: metricsRegistry)
        storeMetrics = StoreMetrics(registry: metricsRegistry, store: store)
        self.now = now
        if configuration.bcryptCost < AppConfiguration.recommendedBcryptCost {
            logger.warning(
                "weak bcrypt cost, for tests only",
                metadata: [
                    "BCRYPT_COST": .stringConvertible(configuration.bcryptCost),
                    "recommended": .stringConvertible(AppConfiguration.recommendedBcryptCost),
                ])
        }
        do {
            accounts = try AccountService(store: store, settings: configuration.accountSettings, now: now)
            let secret: [UInt8]
            if let configured = configuration.jwtSecret {
                secret = configured
            } else {
                secret = try await ServerSecrets.jwtSigningKey(in: store)
            }
            accessTokens = await AccessTokens(secret: secret, now: now)
            media = try MediaLibrary(store: store)
            outbox = try Outbox(store: store)
            mailLinks = try MailLinkLog(outbox: outbox, enabled: configuration.smtpURL == nil)
            listings = try ListingService(
                store: store, publicURL: configuration.linkBaseURL, now: now, searchCacheEntries: configuration.searchCacheEntries,
                searchSnapshot: configuration.searchSnapshot ? .automatic : .off)
            listings.prepareSearchSnapshot()
            searchCacheMetrics = SearchCacheMetrics(registry: metricsRegistry, listings: listings)
            notifications = try Notifications(store: store)
            events = DomainEvents()
            bookings = try BookingService(store: store, settings: configuration.bookingSettings, events: events, now: now)
            let provider: any PaymentProvider
            let webhookSecret: String
            if configuration.usesStripe, let key = configuration.stripeSecretKey, let secret = configuration.stripeWebhookSecret {
                var stripeLogger = logger
                stripeLogger[metadataKey: "provider"] = "stripe"
                provider = StripePaymentProvider(
                    configuration: StripeConfiguration(secretKey: key, apiBase: configuration.stripeAPIBase), logger: stripeLogger)
                webhookSecret = secret
                demoPayments = nil
            } else {
                webhookSecret = try await ServerSecrets.demoWebhookSecret(in: store)
                let demo = try DemoPaymentProvider(store: store, webhookSecret: webhookSecret, siteURL: configuration.linkBaseURL, now: now)
                provider = demo
                demoPayments = demo
            }
            payments = try PaymentService(store: store, provider: provider, bookings: bookings, settings: configuration.paymentSettings, now: now)
            webhook = WebhookReceiver(signature: WebhookSignature(secret: webhookSecret), payments: payments, now: now)
            demoPayments?.deliverEvents { [webhook, logger] payload, signature in
                do {
                    try await webhook.receive(payload: payload, signatureHeader: signature)
                    return true
                } catch {
                    logger.warning(
                        "demo payment event not taken; it will be delivered again", metadata: ["error": .string(String(describing: error))])
                    return false
                }
            }
            jobLog = try JobLog(store: store)
        } catch {
            // Nothing will run to close it: the application is never built.
            store.close()
            throw error
        }
        logger.info(
            "data store open",
            metadata: [
                "path": .string(store.path), "schema": .stringConvertible(store.schema.version),
                "used_bytes": .stringConvertible(store.mapUsage?.usedBytes ?? 0),
                "map_bytes": .stringConvertible(store.mapUsage?.mapBytes ?? 0),
            ])
    }
}
