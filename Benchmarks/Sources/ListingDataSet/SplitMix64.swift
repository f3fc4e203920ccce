import Foundation

/// A small, fast, seeded generator (SplitMix64), so that every run builds the same data set and draws
/// the same query parameters. Its draws differ from Python's Mersenne Twister: the data has
/// peer-bench's distribution, not its rows.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one named stream ("Q1", "data") of `seed`, as common.py seeds
    /// `random.Random("Q1-42")`: the streams do not depend on each other.
    public init(stream: String, seed: UInt64) {
        // FNV-1a over the stream's name, mixed with the seed.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(stream)-\(seed)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        state = hash
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<count (Python's `randrange(count)`).
    public mutating func index(_ count: Int) -> Int { Int(next() % UInt64(count)) }
    /// Uniform in low...high, both included (Python's `randint`).
    public mutating func int(_ low: Int, _ high: Int) -> Int { low + index(high - low + 1) }
    /// One element, uniformly (Python's `choice`).
    public mutating func choice<T>(_ elements: [T]) -> T { elements[index(elements.count)] }
    /// Uniform in [0, 1) (Python's `random()`).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
    /// Normal with this mean and standard deviation (Box–Muller; Python's `gauss`).
    public mutating func gaussian(mean: Double = 0, sigma: Double = 1) -> Double {
        let u = max(unit(), .leastNonzeroMagnitude)
        return mean + sigma * (-2 * log(u)).squareRoot() * cos(2 * .pi * unit())
    }
    /// `count` distinct elements in random order (Python's `sample`).
    public mutating func sample<T>(_ elements: [T], _ count: Int) -> [T] {
        var pool = elements
        for position in 0..<count { pool.swapAt(position, position + index(pool.count - position)) }
        return Array(pool.prefix(count))
    }
}
