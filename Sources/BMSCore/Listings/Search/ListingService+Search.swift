import BMSStore
import Foundation

extension ListingService {
    /// Public search over listed properties (verified, active, with a room on offer).
    ///
    /// The candidates come from one index, the most selective for this query (see `CandidateSource`);
    /// every other filter is applied to each candidate's search card read in place, then text words are
    /// checked against the card's tokens and stays in the bed ledger, cheapest first. The page is the
    /// `limit` first matches after the cursor in the query's order.
    ///
    /// When the index yields candidates in the query's order (by lowest price from the city, type,
    /// amenity and price indexes; by distance from the geo index), reading stops once the page is full and
    /// `totalCountLimit` (100) matches are counted: `total` is then a lower bound ("100+"), said by
    /// `totalIsExact`. Once the page is full the rest are only counted, so the geo index hands them out in
    /// whatever order it reads them. Otherwise every candidate is read and `total` counts every match.
    ///
    /// While the listings are as the search snapshot saw them, candidates and hits come from it
    /// (`SearchSnapshot`: the same cards and orders in memory). A query asked again
    /// before any property changes is answered from `searchCache`.
    public func search(_ query: SearchQuery) throws -> SearchPage {
        // Read before the search's transaction: a change committed after it makes the answer stale, and moves it.
        let changeCount = store.changeCount(of: properties)
        guard searchCache.accepts(query) else { return try searchStore(query, changeCount: changeCount) }
        let key = SearchCache.Key(query: query, totalCountLimit: totalCountLimit)
        if let page = searchCache.page(for: key, changeCount: changeCount) { return page }
        let page = try searchStore(query, changeCount: changeCount)
        searchCache.keep(page, for: key, changeCount: changeCount)
        return page
    }

    /// Builds the search snapshot of the listings as they are now, and keeps it for searches until they
    /// change; for tests and tools (`SearchSnapshotMode.manual`), and to warm a server up.
    public func refreshSearchSnapshot() throws {
        try searchSnapshots.refresh()
    }

    /// How the search cache is doing, for `/metrics`.
    public var searchCacheStatistics: SearchCacheStatistics { searchCache.statistics }

    /// The listings in the search snapshot kept, current or not (0 without one), for `/metrics`.
    public var searchSnapshotListingCount: Int { searchSnapshots.kept?.listingCount ?? 0 }

    /// Starts building the search snapshot in the background (`automatic`) unless a current one is kept:
    /// for start-up, so that the first searches find it ready.
    public func prepareSearchSnapshot() {
        _ = searchSnapshots.snapshot(for: store.changeCount(of: properties))
    }

    private func searchStore(_ query: SearchQuery, changeCount: UInt64) throws -> SearchPage {
        let now = now()
        let snapshot = searchSnapshots.snapshot(for: changeCount)
        return try store.read { txn in
            let candidates = CandidateReader(txn: txn, properties: properties, snapshot: snapshot, planningCounts: planningCounts)
            let source = try plan(candidates, query)
            let sort = query.effectiveSort
            let filter = SearchFilter(query)
            let inOrder = source.yieldsInOrder(of: sort)
            // Then, once only counting, a candidate needs no reading: it is a match.
            let candidatesMatch = candidates.handsOnlyMatches(source, filter)
            var total = 0
            var (counting, stoppedEarly) = (false, false)
            var after = SmallestKeys(capacity: query.limit + 1)
            try candidates.visit(source, priceMax: query.priceMax, admitting: filter) { id, cover, distance, textScore in
                if !counting || !candidatesMatch {
                    guard let matched = try match(txn, id, cover, distance, textScore, filter, now: now) else { return .inOrder }
                    let (primary, secondary) = Self.sortValues(matched, sort)
                    let key = SortKey(primary: primary, secondary: secondary, id: id)
                    if query.cursor.map({ key > $0.key }) ?? true { after.offer(key, distanceKm: matched.distanceKm) }
                    // In order, every later candidate sorts after the page: only the count can still grow, in any order.
                    counting = inOrder && after.isFull
                }
                total += 1
                guard counting else { return .inOrder }
                stoppedEarly = total >= totalCountLimit
                return stoppedEarly ? .stop : .anyOrder
            }
            let shown = after.kept.prefix(query.limit)
            let page = try shown.map {
                try snapshot?.hit($0.key.id, distanceKm: $0.distanceKm) ?? properties.searchHit(txn, $0.key.id, distanceKm: $0.distanceKm)
            }
            let next = after.kept.count > query.limit ? shown.last.map { SearchCursor(sortName: sort.rawValue, key: $0.key) } : nil
            return SearchPage(
                hits: page, total: total, totalIsExact: !stoppedEarly, nextCursor: next, servedBy: source.name,
                readSnapshot: snapshot != nil
            )
        }
    }

    /// The source to read.
    ///
    /// A source that holds every candidate of another (all listings by price, beside a city, type or
    /// amenity) is never the smallest and is not counted.
    ///
    /// Without a source that yields the query's order, the one with the fewest candidates: each is counted
    /// only as far as the smallest complete count so far, and never past `planningBudget`; when every
    /// source is larger than that, the first (the most promising by kind, see
    /// `CandidateSource.sources(for:)`) is read, so planning costs at most a few thousand entries.
    ///
    /// With one, the ordered source is read unless another is smaller. The others are counted only up to
    /// `orderedScanFloor`: the ordered scan reads at least that many candidates before it can stop (a page
    /// and `totalCountLimit` matches, each a candidate), so a larger source read whole could only cost
    /// more, and counting further would cost more than it saves. The ordered source itself is counted
    /// only when another came in under that floor, and only up to that other's count. Counts taken in the
    /// last `PlanningCounts.lifetime` are reused.
    private func plan(_ candidates: CandidateReader<some Transaction>, _ query: SearchQuery) throws -> CandidateSource {
        let cityAmenity = try query.city.flatMap { city in
            try rarestAmenities.value(for: RarestAmenityKey(city: city, amenities: query.amenities, priceMax: query.priceMax)) {
                try CandidateSource.rarestAmenity(in: city, of: query.amenities.amenities, candidates, priceMax: query.priceMax)
            }
        }
        let all = CandidateSource.sources(for: query, cityAmenity: cityAmenity)
        let sources = all.filter { source in !all.contains { source.includes($0) } }
        let ordered = sources.firstIndex { $0.yieldsInOrder(of: query.effectiveSort) }
        let ceiling = ordered == nil ? Self.planningBudget : orderedScanFloor(query)
        var best: (source: CandidateSource, count: Int)?
        for (index, source) in sources.enumerated() where index != ordered {
            let budget = min(best?.count ?? .max, ceiling)
            if let count = try candidates.count(source, priceMax: query.priceMax, budget: budget), count < budget {
                best = (source, count)
            }
        }
        // `sources(for:)` is never empty, and the filter drops only all listings by price beside another.
        guard let ordered else { return best?.source ?? sources[0] }
        guard let best else { return sources[ordered] }
        let orderedCount = try candidates.count(sources[ordered], priceMax: query.priceMax, budget: best.count)
        return orderedCount == nil ? best.source : sources[ordered]
    }

    /// What `rarestAmenity` chose for a city's listings under a price cap; kept in `rarestAmenities`.
    struct RarestAmenityKey: Hashable, Sendable {
        let city: String
        let amenities: AmenitySet
        let priceMax: Money?
    }

    /// How far planning counts a source when no source yields the query's order.
    static let planningBudget = 2048

    /// The fewest candidates an ordered scan reads before it may stop: the matches it must find.
    private func orderedScanFloor(_ query: SearchQuery) -> Int {
        max(totalCountLimit, query.limit + 1)
    }

    /// What sorting needs of a candidate that passed every filter, or nil when it fails one. A candidate
    /// comes with its card, which `visit` has admitted, when its index covers one; a text query needs the
    /// card with the text tokens, which the card index holds when the source's card has none (the same card
    /// with the tokens added, so admitted too). Only a candidate without a card is admitted here. A text
    /// score the snapshot knows (`TextMatches`) is taken as it is: the card's tokens are not read.
    private func match(
        _ txn: some Transaction, _ id: ObjectID, _ cover: UnsafeRawBufferPointer?, _ distance: Double?, _ knownScore: Int?,
        _ filter: SearchFilter, now: Date
    ) throws -> SearchMatch? {
        if let cover {
            let card = try CardView(cover)
            if filter.termKeys.isEmpty || knownScore != nil || card.hasTokens {
                return try match(txn, PropertyID(id), card, distance, knownScore, filter, now: now)
            }
        }
        return try properties.cover(txn, ownIDIndex: "card", of: id) { bytes in
            let card = try CardView(bytes)
            guard cover != nil || filter.admits(card) else { return nil }
            return try match(txn, PropertyID(id), card, distance, knownScore, filter, now: now)
        } ?? nil
    }

    /// `match` for a card the query's filters admitted.
    private func match(
        _ txn: some Transaction, _ property: PropertyID, _ card: CardView, _ knownDistance: Double?, _ knownScore: Int?,
        _ filter: SearchFilter, now: Date
    ) throws -> SearchMatch? {
        guard let distance = filter.distance(card, known: knownDistance) else { return nil }
        var score = 0
        if !filter.termKeys.isEmpty {
            guard let matched = try knownScore ?? Self.textScore(card, filter) else { return nil }
            score = matched
        }
        if let stay = filter.stay {
            let rooms = (0..<card.roomCount).map(card.room).filter { room in
                filter.admits(room) && (room.availableFrom.map { $0 <= stay.from } ?? true)
            }
            guard !rooms.isEmpty else { return nil }
            let held = try ledger.bedsHeld(txn, rooms: rooms.map { RoomID($0.id) }, of: property, from: stay.from, to: stay.to, now: now)
            let free = zip(rooms, held).contains { room, nights in nights.allSatisfy { BedLedger.fits(1, beside: $0, capacity: room.capacity) } }
            guard free else { return nil }
        }
        return SearchMatch(
            minPrice: card.minPrice, rating: card.rating, createdMicroseconds: card.createdMicroseconds,
            distanceKm: filter.hasCenter ? distance : nil, score: score
        )
    }

    /// The text score of a property for the query's terms — per term, the highest weight of the
    /// property's tokens equal to it (or starting with it, for the last) — or nil when a term matches
    /// none. Read from the tokens its card carries, a dozen or so, compared in place, unless their
    /// signature already shows that a term matches none.
    private static func textScore(_ card: CardView, _ filter: SearchFilter) throws -> Int? {
        guard let signature = card.tokenSignature, filter.hasEveryTermBit(signature) else { return nil }
        let terms = filter.termKeys
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: terms.count) { best in
            best.initialize(repeating: 0)
            try card.forEachToken { weight, token in
                for (index, term) in terms.enumerated() where term.matches(token) { best[index] = max(best[index], weight) }
            }
            return best.contains(0) ? nil : best.reduce(0, +)
        }
    }

    /// The values that order matches for `sort`, smaller first; the property id breaks ties.
    private static func sortValues(_ match: SearchMatch, _ sort: SearchSort) -> (Double, Double) {
        switch sort {
        case .relevance: (-Double(match.score), -match.rating)
        case .price: (Double(match.minPrice), 0)
        case .priceDescending: (-Double(match.minPrice), 0)
        case .rating: (-match.rating, 0)
        case .distance: (match.distanceKm ?? 0, 0)
        case .newest: (-Double(match.createdMicroseconds), 0)
        }
    }
}

/// What sorting needs of a candidate that passed every filter.
private struct SearchMatch {
    var minPrice: Int64
    var rating: Double
    var createdMicroseconds: Int64
    var distanceKm: Double?
    var score: Int
}
