/// Recent entry counts of search's candidate sources, so that planning does not count the same index
/// ranges on every search: a text search of a word and a prefix counted some 2,600 entries to choose
/// between the two, more than a quarter of its time. Counts are trusted for a while, not invalidated by
/// writes (see `RecentValues`) — planner statistics trail the data a little, as a database's do.
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

    private let counts: RecentValues<Key, Known>

    init(lifetime: Duration = .seconds(30), capacity: Int = 4096, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        counts = RecentValues(lifetime: lifetime, capacity: capacity, now: now)
    }

    /// The count of `key`'s entries within `budget`, as `CandidateSource.count` gives it (nil when there
    /// are more than `budget`): from a recent count when that answers it, else from `count`, which is kept.
    func count(_ key: Key, budget: Int, _ count: () throws -> Int?) rethrows -> Int? {
        switch counts.value(for: key) {
        case .exactly(let known): return known <= budget ? known : nil
        case .moreThan(let bound) where budget <= bound: return nil
        case .moreThan, nil: break
        }
        let counted = try count()
        counts.keep(counted.map { .exactly($0) } ?? .moreThan(budget), for: key)
        return counted
    }
}
