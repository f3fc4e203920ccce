import Synchronization

/// Values worked out in the last `lifetime`, by key: what search planning remembers between searches
/// (`PlanningCounts`, the rarest amenity of a city). Planning only chooses which index a search reads, never
/// what it answers, so a remembered value is trusted until it is `lifetime` old rather than dropped on
/// writes; a stale one may cost a search time for that long, never a wrong answer.
final class RecentValues<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let value: Value
        let takenAt: ContinuousClock.Instant
    }

    /// How long a value is trusted.
    let lifetime: Duration
    /// Values kept at most: keys capped by a price are many, so when full the memory starts over.
    let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: Duration = .seconds(30), capacity: Int = 4096, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    /// The value kept for `key`, unless it is `lifetime` old.
    func value(for key: Key) -> Value? {
        let now = now()
        guard let entry = entries.withLock({ $0[key] }), now - entry.takenAt < lifetime else { return nil }
        return entry.value
    }

    func keep(_ value: Value, for key: Key) {
        let entry = Entry(value: value, takenAt: now())
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    /// The value kept for `key` if it is recent, else `work`'s, which is kept.
    func value(for key: Key, _ work: () throws -> Value) rethrows -> Value {
        if let known = value(for: key) { return known }
        let value = try work()
        keep(value, for: key)
        return value
    }
}
