import BMSStore
import Prometheus

/// Gauges for the LMDB map: bytes in use, the current map size and the configured maximum. They are
/// set from `Store.mapUsage` at each scrape, so they are never stale and cost nothing between scrapes.
final class StoreMetrics: Sendable {
    private let used: Gauge
    private let size: Gauge
    private let maximum: Gauge
    private let store: Store

    init(registry: PrometheusCollectorRegistry, store: Store) {
        self.store = store
        used = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "bms", subsystem: "lmdb", metricName: "map_used", unitName: "bytes",
                helpText: "Bytes of the LMDB map in use (the data file's used pages)."))
        size = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "bms", subsystem: "lmdb", metricName: "map_size", unitName: "bytes",
                helpText: "Current LMDB map size (reserved address space); it grows on demand."))
        maximum = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "bms", subsystem: "lmdb", metricName: "map_max", unitName: "bytes",
                helpText: "Largest LMDB map size allowed (BMS_MAX_MAP_SIZE)."))
    }

    /// Reads the store's map usage into the gauges; a closed store (during shutdown) leaves them as they were.
    func update() {
        guard let usage = store.mapUsage else { return }
        used.set(Int64(usage.usedBytes))
        size.set(Int64(usage.mapBytes))
        maximum.set(Int64(usage.maximumBytes))
    }
}
