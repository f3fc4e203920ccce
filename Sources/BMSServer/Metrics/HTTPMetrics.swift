import HTTPTypes
import Prometheus
import Synchronization

/// The HTTP request counter and latency histogram, registered in the application's own Prometheus
/// registry. A registry per application (instead of bootstrapping the global `MetricsSystem`, which a
/// process may do only once) keeps parallel tests and several apps in one process apart.
final class HTTPMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry

    // Computed: `MetricNameDescriptor` is not `Sendable`, so it cannot be a stored static.
    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by method, route pattern and status.")
    }
    private static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http", subsystem: "request", metricName: "duration", unitName: "seconds",
            helpText: "Time from receiving an HTTP request to having its response, by method, route pattern and status.")
    }
    /// From 1 ms (a cached asset) to 10 s (far beyond any healthy request).
    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10),
    ]

    /// The counter and histogram of each method, route and status met so far. The registry finds them
    /// by labels it builds and hashes under its lock each time, some 7 µs of every request; routes,
    /// methods and statuses are few, so this map stays small.
    private let series = Mutex<[SeriesKey: Series]>([:])

    private struct SeriesKey: Hashable {
        let method: HTTPRequest.Method
        let route: String
        let status: Int
    }

    private struct Series: Sendable {
        let requests: Counter
        let duration: DurationHistogram
    }

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func record(method: HTTPRequest.Method, route: String, status: HTTPResponse.Status, duration: Duration) {
        let key = SeriesKey(method: method, route: route, status: status.code)
        let series = self.series.withLock { known in
            if let found = known[key] { return found }
            let labels = [("method", method.rawValue), ("route", route), ("status", String(status.code))]
            let made = Series(
                requests: registry.makeCounter(descriptor: Self.requests, labels: labels),
                duration: registry.makeDurationHistogram(descriptor: Self.duration, labels: labels, buckets: Self.buckets))
            known[key] = made
            return made
        }
        series.requests.increment()
        series.duration.record(duration)
    }
}
