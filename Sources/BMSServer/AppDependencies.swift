import BMSCore
import BMSStore
import Logging
import Prometheus

/// The long-lived parts of one application, made once at start-up and handed to the controllers and
/// middleware that use them.
struct AppDependencies: Sendable {
    let configuration: AppConfiguration
    let logger: Logger
    let store: Store
    let pages: PageRenderer
    let publicAssets: PublicAssets
    let openAPI: OpenAPIController
    let metricsRegistry: PrometheusCollectorRegistry
    let httpMetrics: HTTPMetrics
    let storeMetrics: StoreMetrics
    /// Nil when `RATE_LIMIT_PER_MIN` is 0.
    let rateLimiter: TokenBucketLimiter?

    /// Loads and checks the assets, then opens (creating or migrating) the data store. Assets come
    /// first because they have no side effects: a broken template must not leave a new data directory
    /// behind.
    /// - Parameter now: the rate limiter's clock; tests pass their own.
    init(
        configuration: AppConfiguration, logger: Logger,
        now: @escaping @Sendable () -> Duration = TokenBucketLimiter.monotonicNow
    ) throws {
        self.configuration = configuration
        self.logger = logger
        let source = try configuration.assetsDirectory.map { AssetSource.directory($0) } ?? AssetSource.compiledIn()
        pages = try PageRenderer(source: source)
        publicAssets = try PublicAssets(source: source)
        openAPI = try OpenAPIController(source: source)
        rateLimiter = configuration.rateLimitPerMinute > 0 ? TokenBucketLimiter(perMinute: configuration.rateLimitPerMinute, now: now) : nil

        store = try Store.open(at: configuration.store.path, options: configuration.store.options, schema: BookMySleepSchema.current)
        metricsRegistry = PrometheusCollectorRegistry()
        httpMetrics = HTTPMetrics(registry: metricsRegistry)
        storeMetrics = StoreMetrics(registry: metricsRegistry, store: store)
        logger.info(
            "data store open",
            metadata: [
                "path": .string(store.path), "schema": .stringConvertible(store.schema.version),
                "used_bytes": .stringConvertible(store.mapUsage?.usedBytes ?? 0),
                "map_bytes": .stringConvertible(store.mapUsage?.mapBytes ?? 0),
            ])
    }
}
