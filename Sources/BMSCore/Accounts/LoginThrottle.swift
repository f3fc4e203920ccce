import Foundation
import Synchronization

/// Counts failed logins per (e-mail, client address) in memory and refuses further attempts once
/// `limit` failures fall within `window`, until the oldest of them leaves it. A success clears the
/// count. Memory stays bounded: at `capacity` keys, stale keys go first, then the least recently failed.
final class LoginThrottle: Sendable {
    struct Key: Hashable {
        let email: String
        let clientAddress: String
    }

    private let limit: Int
    private let window: TimeInterval
    private let capacity: Int
    /// Failure times per key, oldest first, only those still inside the window.
    private let failures = Mutex<[Key: [Date]]>([:])

    init(limit: Int, window: Duration, capacity: Int = 10_000) {
        self.limit = limit
        self.window = window.timeInterval
        self.capacity = capacity
    }

    /// How long `key` must wait before trying again, or nil if it may try now.
    func retryAfter(_ key: Key, now: Date) -> Duration? {
        failures.withLock { table in
            let recent = Self.recent(table[key] ?? [], now: now, window: window)
            table[key] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return .secondsRoundedUp(oldest.addingTimeInterval(window).timeIntervalSince(now))
        }
    }

    func recordFailure(_ key: Key, now: Date) {
        failures.withLock { table in
            if table[key] == nil, table.count >= capacity {
                Self.makeRoom(in: &table, capacity: capacity, now: now, window: window)
            }
            var recent = Self.recent(table[key] ?? [], now: now, window: window)
            recent.append(now)
            table[key] = Array(recent.suffix(limit))
        }
    }

    func recordSuccess(_ key: Key) {
        _ = failures.withLock { $0.removeValue(forKey: key) }
    }

    private static func recent(_ times: [Date], now: Date, window: TimeInterval) -> [Date] {
        times.filter { now.timeIntervalSince($0) < window }
    }

    private static func makeRoom(in table: inout [Key: [Date]], capacity: Int, now: Date, window: TimeInterval) {
        table = table.filter { _, times in times.contains { now.timeIntervalSince($0) < window } }
        if table.count >= capacity,
            let stalest = table.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })?.key
        {
            table.removeValue(forKey: stalest)
        }
    }
}
