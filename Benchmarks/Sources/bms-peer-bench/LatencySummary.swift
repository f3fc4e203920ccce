import Foundation

/// Latency percentiles in milliseconds, by nearest rank (peer-bench common.py `pct`), so the Python and
/// Swift figures mean the same.
struct LatencySummary: Encodable {
    var n: Int
    var p50_ms: Double
    var p99_ms: Double
    var p99_9_ms: Double
    var mean_ms: Double
    var max_ms: Double

    init?(_ samples: [Duration]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map(Self.milliseconds).sorted()
        func rank(_ percent: Double) -> Double {
            sorted[max(0, min(sorted.count - 1, Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1))]
        }
        n = sorted.count
        p50_ms = Self.rounded(rank(50))
        p99_ms = Self.rounded(rank(99))
        p99_9_ms = Self.rounded(rank(99.9))
        mean_ms = Self.rounded(sorted.reduce(0, +) / Double(sorted.count))
        max_ms = Self.rounded(sorted.last!)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
