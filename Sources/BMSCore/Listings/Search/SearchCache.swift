import Synchronization

/// Recent search answers, by query: the listing cache the product brief asks for ("cache invalidation on
/// updates"), kept in the process instead of Redis. The search page and the first pages of popular
/// searches are asked for again and again between changes to the listings.
///
/// Every answer is tagged with the properties' change count read before its snapshot
/// (`Store.changeCount(of:)`), and only answers tagged with the current count are given out: the first
/// search after any property, room, photo, rating or verification change (they all rewrite the property's
/// record) starts the cache over. So a cached answer is always the one a search would give now — except
/// for searches with stay dates, which also depend on bookings and on the clock (holds expire): those are
/// never cached.
///
/// At most `capacity` answers are kept. When full, the clock algorithm picks the one to drop: a hand goes
/// round the answers, sparing (once) each that was given out since the hand last passed, so searches asked
/// for again and again stay while one-off ones make room.
final class SearchCache: Sendable {
    /// What an answer depends on besides the listings.
    struct Key: Hashable, Sendable {
        let query: SearchQuery
        /// `ListingService.totalCountLimit`, which tests lower.
        let totalCountLimit: Int
    }

    private struct Entry {
        var page: SearchPage
        /// Given out since the clock hand last passed.
        var wasUsed = false
    }

    private struct State {
        /// The change count every kept answer was read at.
        var changeCount: UInt64 = 0
        var entries: [Key: Entry] = [:]
        /// The keys in the order the clock hand visits them.
        var ring: [Key] = []
        var hand = 0

        /// Drops an answer that was not given out since the hand last passed, and puts `key` in its place.
        mutating func replaceUnused(with key: Key) {
            while entries[ring[hand]]?.wasUsed == true {
                entries[ring[hand]]?.wasUsed = false
                hand = (hand + 1) % ring.count
            }
            entries[ring[hand]] = nil
            ring[hand] = key
            hand = (hand + 1) % ring.count
        }
    }

    /// Answers kept at most; 0 keeps none.
    let capacity: Int
    private let state = Mutex(State())
    private let hits = Atomic(0)
    private let misses = Atomic(0)

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Whether the answer to `query` may be kept at all.
    func accepts(_ query: SearchQuery) -> Bool {
        capacity > 0 && query.stay == nil
    }

    /// The answer for `key` read at `changeCount`, if it is kept.
    func page(for key: Key, changeCount: UInt64) -> SearchPage? {
        let page = state.withLock { state -> SearchPage? in
            guard changeCount == state.changeCount, let index = state.entries.index(forKey: key) else { return nil }
            state.entries.values[index].wasUsed = true
            return state.entries.values[index].page
        }
        if page == nil { misses.add(1, ordering: .relaxed) } else { hits.add(1, ordering: .relaxed) }
        return page
    }

    /// Keeps `page`, the answer for `key` read at `changeCount`, unless a later count has been seen.
    func keep(_ page: SearchPage, for key: Key, changeCount: UInt64) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if changeCount > state.changeCount {
                state = State(changeCount: changeCount)
            }
            guard changeCount == state.changeCount, state.entries[key] == nil else { return }
            if state.ring.count < capacity {
                state.ring.append(key)
            } else {
                state.replaceUnused(with: key)
            }
            state.entries[key] = Entry(page: page)
        }
    }

    /// How many answers are kept now.
    var count: Int { state.withLock { $0.entries.count } }

    /// Lookups so far and answers kept now, for `/metrics`.
    var statistics: SearchCacheStatistics {
        SearchCacheStatistics(hits: hits.load(ordering: .relaxed), misses: misses.load(ordering: .relaxed), entries: count)
    }
}

/// How the search cache is doing: lookups answered from it and not, since start, and answers kept now.
public struct SearchCacheStatistics: Sendable, Equatable {
    public var hits: Int
    public var misses: Int
    public var entries: Int

    public init(hits: Int, misses: Int, entries: Int) {
        (self.hits, self.misses, self.entries) = (hits, misses, entries)
    }
}
