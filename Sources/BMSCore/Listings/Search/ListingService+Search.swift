import BMSStore
import Foundation

extension ListingService {
    /// Public search over listed properties (verified, active, with a room on offer).
    ///
    /// The candidates come from one index, the most selective for this query (see `CandidateSource`);
    /// every other filter is applied to each candidate's search card read in place, then text words are
    /// checked in the "text-of" index and stays in the bed ledger, cheapest first. The page is the `limit`
    /// first matches after the cursor in the query's order.
    ///
    /// When the index yields candidates in the query's order (by lowest price from the city, type,
    /// amenity and price indexes; by distance from the geo index), reading stops once the page is full and
    /// `totalCountLimit` (200) matches are counted: `total` is then a lower bound ("200+"), said by
    /// `totalIsExact`. Otherwise every candidate is read and `total` counts every match.
    public func search(_ query: SearchQuery) throws -> SearchPage {
        let now = now()
        return try store.read { txn in
            let (source, hits) = try plan(txn, query)
            let sort = query.effectiveSort
            let filter = SearchFilter(query)
            let inOrder = source.yieldsInOrder(of: sort)
            var total = 0
            var stoppedEarly = false
            var after = SmallestKeys(capacity: query.limit + 1)
            try source.visit(txn, properties, priceMax: query.priceMax, hits: hits) { id, cover, distance in
                guard let matched = try match(txn, id, cover, distance, filter, now: now) else { return true }
                total += 1
                let (primary, secondary) = Self.sortValues(matched, sort)
                let key = SortKey(primary: primary, secondary: secondary, id: id)
                if query.cursor.map({ key > $0.key }) ?? true { after.offer(key, distanceKm: matched.distanceKm) }
                // In order, every later candidate sorts after the page: only the count could still grow.
                stoppedEarly = inOrder && after.isFull && total >= totalCountLimit
                return !stoppedEarly
            }
            let shown = after.kept.prefix(query.limit)
            let page = try shown.map { try hit(txn, $0.key.id, distanceKm: $0.distanceKm) }
            let next = after.kept.count > query.limit ? shown.last.map { SearchCursor(sortName: sort.rawValue, key: $0.key) } : nil
            return SearchPage(hits: page, total: total, totalIsExact: !stoppedEarly, nextCursor: next, servedBy: source.name)
        }
    }

    /// The source with the fewest candidates, and the geo points when it is the geo source.
    ///
    /// Each source is counted only as far as the smallest complete count so far, and never past
    /// `planningBudget`: when every source is larger than that, the first (the most promising by kind,
    /// see `CandidateSource.sources(for:)`) is read, so planning costs at most a few thousand entries.
    private func plan(_ txn: some Transaction, _ query: SearchQuery) throws -> (CandidateSource, [GeoHit]?) {
        let sources = CandidateSource.sources(for: query)
        var best: (source: CandidateSource, count: Int, hits: [GeoHit]?)?
        for source in sources {
            let budget = min(best?.count ?? .max, Self.planningBudget)
            if let hits = try source.geoHits(txn, properties) {
                if hits.count < (best?.count ?? .max) { best = (source, hits.count, hits) }
            } else if let count = try source.count(txn, properties, priceMax: query.priceMax, budget: budget), count < budget {
                best = (source, count, nil)
            }
        }
        // `sources(for:)` is never empty.
        return best.map { ($0.source, $0.hits) } ?? (sources[0], nil)
    }

    /// How far planning counts a source.
    static let planningBudget = 2048

    /// What sorting needs of a candidate that passed every filter, or nil when it fails one.
    private func match(
        _ txn: some Transaction, _ id: ObjectID, _ cover: UnsafeRawBufferPointer?, _ distance: Double?, _ filter: SearchFilter,
        now: Date
    ) throws -> SearchMatch? {
        if let cover { return try match(txn, id, CardView(cover), distance, filter, now: now) }
        return try properties.cover(txn, ownIDIndex: "card", of: id) { card in
            try match(txn, id, CardView(card), distance, filter, now: now)
        } ?? nil
    }

    private func match(
        _ txn: some Transaction, _ id: ObjectID, _ card: CardView, _ knownDistance: Double?, _ filter: SearchFilter, now: Date
    ) throws -> SearchMatch? {
        guard filter.admits(card), let distance = filter.distance(card, known: knownDistance) else { return nil }
        var score = 0
        if !filter.termKeys.isEmpty {
            guard let matched = try textScore(txn, id, filter.termKeys) else { return nil }
            score = matched
        }
        if let stay = filter.stay {
            let free = try (0..<card.roomCount).contains { index in
                let room = card.room(index)
                guard filter.admits(room) else { return false }
                if let first = room.availableFrom, first > stay.from { return false }
                return try ledger.firstShortNight(
                    txn, room: RoomID(room.id), capacity: room.capacity, beds: 1, from: stay.from, to: stay.to, now: now) == nil
            }
            guard free else { return nil }
        }
        return SearchMatch(
            minPrice: card.minPrice, rating: card.rating, createdMicroseconds: card.createdMicroseconds,
            distanceKm: filter.hasCenter ? distance : nil, score: score
        )
    }

    /// The text score of a property for the query's terms — per term, the highest weight of the
    /// property's tokens equal to it (or starting with it, for the last) — or nil when a term matches
    /// none. One scan over the property's own "text-of" entries `(id, token, weight)`, a dozen or so,
    /// comparing encoded tokens in place.
    private func textScore(_ txn: some Transaction, _ id: ObjectID, _ terms: [SearchFilter.TermKey]) throws -> Int? {
        var best = [Int](repeating: 0, count: terms.count)
        let idLength = 13  // an encoded id element: its type code and 12 bytes
        try properties.scan(txn, index: "text-of", .prefix([.id(id)])) { entry in
            let key = entry.keyBytes
            guard key.count >= idLength + 9 else { throw StoreError.corrupt(table: "properties", reason: "a text entry without a weight") }
            let token = UnsafeRawBufferPointer(rebasing: key[idLength..<(key.count - 9)])
            let weight = Int(UInt64(bigEndian: key.loadUnaligned(fromByteOffset: key.count - 8, as: UInt64.self)) ^ (1 << 63))
            for (index, term) in terms.enumerated() where term.matches(token) { best[index] = max(best[index], weight) }
            return true
        }
        guard !best.contains(0) else { return nil }
        return best.reduce(0, +)
    }

    private func hit(_ txn: some Transaction, _ id: ObjectID, distanceKm: Double?) throws -> SearchHit {
        guard let record = try properties.get(txn, id) else {
            throw StoreError.corrupt(table: "properties", reason: "a search index names missing property \(id)")
        }
        let property = record.property
        return SearchHit(
            id: property.id, name: property.name, city: property.address.city, locality: property.address.locality,
            coordinates: property.address.coordinates, propertyType: property.propertyType, coverImage: property.images.first,
            minPrice: record.card.minPrice,
            roomTypes: Array(Set(record.card.rooms.map(\.type))).sorted { $0.rawValue < $1.rawValue },
            rating: property.rating, reviewCount: property.reviewCount, distanceKm: distanceKm
        )
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
