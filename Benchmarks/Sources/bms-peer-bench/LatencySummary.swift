import Foundation

/// Latency percentiles in milliseconds, by nearest rank (peer-bench common.py `pct`), so the Python and
/// Swift figures mean the same.
struct LatencySummary: Encodable {
    var n: Int
    var p50: Double
    var p99: Double
    var p999: Double
    var mean: Double
    var max: Double

    enum CodingKeys: String, CodingKey {
        case n
        case p50 = "p50_ms"
        case p99 = "p99_ms"
        case p999 = "p99_9_ms"
        case mean = "mean_ms"
        case max = "max_ms"
    }

    init?(_ samples: [Duration]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map(Self.milliseconds).sorted()
        func rank(_ percent: Double) -> Double {
            sorted[Swift.max(0, Swift.min(sorted.count - 1, Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1))]
        }
        n = sorted.count
        p50 = Self.rounded(rank(50))
        p99 = Self.rounded(rank(99))
        p999 = Self.rounded(rank(99.9))
        mean = Self.rounded(sorted.reduce(0, +) / Double(sorted.count))
        max = Self.rounded(sorted.last!)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
