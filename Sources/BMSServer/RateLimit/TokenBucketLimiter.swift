import Synchronization

/// Per-client token buckets in memory: each client may make `perMinute` requests in a burst, and earns
/// them back at `perMinute` per minute. Shared by all requests, guarded by one `Mutex` (the critical
/// section is a dictionary lookup and a few additions).
///
/// Memory stays bounded: a bucket that has refilled completely is the same as no bucket, so buckets idle
/// for a full refill time are dropped in a sweep at most once per refill time; if more than
/// `maximumClients` are active within one minute, an arbitrary bucket is dropped to make room (in
/// constant time, so a flood of new addresses cannot make each request scan the table; the cost is that
/// the dropped client gets a fresh allowance).
final class TokenBucketLimiter: Sendable {
    /// What the limiter decided for one request.
    enum Decision: Equatable {
        case allowed
        /// Rejected: one token will be back after this many whole seconds (at least 1).
        case limited(retryAfterSeconds: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Duration
    }

    private struct State {
        var buckets: [String: Bucket] = [:]
        var lastSweep: Duration = .zero
    }

    let perMinute: Int
    let maximumClients: Int
    private let now: @Sendable () -> Duration
    private let state = Mutex(State())

    /// - Parameters:
    ///   - perMinute: burst size and refill rate per minute; must be at least 1.
    ///   - maximumClients: most buckets kept at once.
    ///   - now: a monotonic clock reading; tests pass their own to move time by hand.
    init(perMinute: Int, maximumClients: Int = 100_000, now: @escaping @Sendable () -> Duration = TokenBucketLimiter.monotonicNow) {
        precondition(perMinute >= 1 && maximumClients >= 1)
        self.perMinute = perMinute
        self.maximumClients = maximumClients
        self.now = now
    }

    /// Time to refill an empty bucket completely: one minute.
    private static let refillTime = Duration.seconds(60)

    /// Takes one token from `client`'s bucket, or says how long until one is available.
    func acquire(for client: String) -> Decision {
        let now = self.now()
        let capacity = Double(perMinute)
        let perSecond = capacity / 60
        return state.withLock { state in
            if now - state.lastSweep >= Self.refillTime {
                state.buckets = state.buckets.filter { now - $0.value.updated < Self.refillTime }
                state.lastSweep = now
            }
            var bucket = state.buckets[client] ?? Bucket(tokens: capacity, updated: now)
            if state.buckets[client] == nil, state.buckets.count >= maximumClients {
                state.buckets.remove(at: state.buckets.startIndex)
            }
            bucket.tokens = min(capacity, bucket.tokens + perSecond * (now - bucket.updated).seconds)
            bucket.updated = now
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                decision = .limited(retryAfterSeconds: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))))
            }
            state.buckets[client] = bucket
            return decision
        }
    }

    /// How many clients have a bucket (for tests of the memory bound).
    var trackedClients: Int { state.withLock { $0.buckets.count } }

    /// Time since the process's first use of the limiter's clock, from `ContinuousClock`.
    static let monotonicNow: @Sendable () -> Duration = {
        let origin = ContinuousClock.now
        return { origin.duration(to: .now) }
    }()
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
