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
/// At most `capacity` answers are kept; when full, an arbitrary one makes room (about a random choice),
/// which keeps the most asked-for searches in the cache most of the time without bookkeeping per hit.
final class SearchCache: Sendable {
    /// What an answer depends on besides the listings.
    struct Key: Hashable, Sendable {
        let query: SearchQuery
        /// `ListingService.totalCountLimit`, which tests lower.
        let totalCountLimit: Int
    }

    private struct State {
        /// The change count every kept answer was read at.
        var changeCount: UInt64 = 0
        var pages: [Key: SearchPage] = [:]
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
        let page = state.withLock { state in changeCount == state.changeCount ? state.pages[key] : nil }
        if page == nil { misses.add(1, ordering: .relaxed) } else { hits.add(1, ordering: .relaxed) }
        return page
    }

    /// Keeps `page`, the answer for `key` read at `changeCount`, unless a later count has been seen.
    func keep(_ page: SearchPage, for key: Key, changeCount: UInt64) {
        state.withLock { state in
            if changeCount > state.changeCount {
                state.changeCount = changeCount
                state.pages.removeAll(keepingCapacity: true)
            }
            guard changeCount == state.changeCount else { return }
            if state.pages.count >= capacity, state.pages[key] == nil { state.pages.remove(at: state.pages.startIndex) }
            state.pages[key] = page
        }
    }

    /// How many answers are kept now.
    var count: Int { state.withLock { $0.pages.count } }

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
