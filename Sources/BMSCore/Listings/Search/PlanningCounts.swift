import Synchronization

/// Recent entry counts of search's candidate sources, so that planning does not count the same index
/// ranges on every search: a text search of a word and a prefix counted some 2,600 entries to choose
/// between the two, more than a quarter of its time.
///
/// A count only chooses which index a search reads, never what it answers, so counts are not
/// invalidated by writes: they are trusted for `lifetime`, then taken again. A stale one may have a
/// search read a larger source than it could for that long — planner statistics trail the data a little,
/// as a database's do.
final class PlanningCounts: Sendable {
    struct Key: Hashable, Sendable {
        let source: CandidateSource
        let priceMax: Money?
    }

    /// What a count found: the exact number, or only that there are more than the budget it stopped at.
    private enum Known: Sendable {
        case exactly(Int)
        case moreThan(Int)
    }

    private struct Entry: Sendable {
        let known: Known
        let takenAt: ContinuousClock.Instant
    }

    /// How long a count is trusted.
    let lifetime: Duration
    /// Counts kept at most: ranges capped by a price make many keys, so when full the cache starts over.
    let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: Duration = .seconds(30), capacity: Int = 4096, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    /// The count of `key`'s entries within `budget`, as `CandidateSource.count` gives it (nil when there
    /// are more than `budget`): from a recent count when that answers it, else from `count`, which is kept.
    func count(_ key: Key, budget: Int, _ count: () throws -> Int?) rethrows -> Int? {
        let now = now()
        if let entry = entries.withLock({ $0[key] }), now - entry.takenAt < lifetime {
            switch entry.known {
            case .exactly(let known): return known <= budget ? known : nil
            case .moreThan(let bound) where budget <= bound: return nil
            case .moreThan: break
            }
        }
        let counted = try count()
        let entry = Entry(known: counted.map { .exactly($0) } ?? .moreThan(budget), takenAt: now)
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return counted
    }
}
