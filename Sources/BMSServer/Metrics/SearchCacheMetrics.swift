import BMSCore
import Prometheus
import Synchronization

/// The search cache's lookups (`bms_search_cache_lookups_total{outcome="hit"|"miss"}`) and the answers it
/// keeps (`bms_search_cache_entries`), and the listings in the search snapshot (`bms_search_snapshot_listings`),
/// brought up to date from `ListingService` at each scrape, so that searching pays for no metric.
final class SearchCacheMetrics: Sendable {
    private let hits: Counter
    private let misses: Counter
    private let entries: Gauge
    private let snapshotListings: Gauge
    private let listings: ListingService
    /// The statistics as of the last scrape: each scrape adds what happened since.
    private let reported = Mutex(SearchCacheStatistics(hits: 0, misses: 0, entries: 0))

    init(registry: PrometheusCollectorRegistry, listings: ListingService) {
        self.listings = listings
        let lookups = MetricNameDescriptor(
            namespace: "bms", subsystem: "search_cache", metricName: "lookups", unitName: "total",
            helpText: "Searches looked up in the search cache, by outcome (hit: answered from it).")
        hits = registry.makeCounter(descriptor: lookups, labels: [("outcome", "hit")])
        misses = registry.makeCounter(descriptor: lookups, labels: [("outcome", "miss")])
        entries = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "bms", subsystem: "search_cache", metricName: "entries", unitName: "",
                helpText: "Search answers kept (SEARCH_CACHE_ENTRIES at most)."))
        snapshotListings = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "bms", subsystem: "search_snapshot", metricName: "listings", unitName: "",
                helpText: "Listings in the search snapshot kept in memory (0 without one, or with SEARCH_SNAPSHOT off)."))
    }

    func update() {
        // Read under the lock: two scrapes at once must not report a count smaller than the last reported.
        reported.withLock { reported in
            let now = listings.searchCacheStatistics
            hits.increment(by: Int64(now.hits - reported.hits))
            misses.increment(by: Int64(now.misses - reported.misses))
            entries.set(Int64(now.entries))
            reported = now
        }
        snapshotListings.set(Int64(listings.searchSnapshotListingCount))
    }
}
