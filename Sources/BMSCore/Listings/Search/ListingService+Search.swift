import BMSStore
import Foundation

extension ListingService {
    /// Public search over listed properties (verified, active, with a room on offer).
    ///
    /// The candidates come from one index, the most selective for this query (see `CandidateSource`);
    /// every other filter is applied to each candidate's search card, then text words are checked in the
    /// "text-of" index and stays in the bed ledger, cheapest first. Every match is counted for `total`;
    /// the page is the `limit` first matches after the cursor in the query's order.
    public func search(_ query: SearchQuery) throws -> SearchPage {
        let now = now()
        return try store.read { txn in
            let (source, candidates) = try candidates(txn, for: query)
            let sort = query.effectiveSort
            var total = 0
            var page: [(key: SortKey, match: SearchMatch)] = []
            for candidate in candidates {
                guard let match = try match(txn, candidate, query, now: now) else { continue }
                total += 1
                let key = Self.sortKey(match, sort)
                if let cursor = query.cursor, key <= cursor.key { continue }
                page.append((key, match))
            }
            let ordered = page.sorted { $0.key < $1.key }
            let shown = ordered.prefix(query.limit)
            let hits = try shown.map { try hit(txn, $0.match) }
            let next = ordered.count > query.limit ? shown.last.map { SearchCursor(sortName: sort.rawValue, key: $0.key) } : nil
            return SearchPage(hits: hits, total: total, nextCursor: next, servedBy: source)
        }
    }

    /// The smallest candidate set among the query's sources, and the source's name.
    private func candidates(_ txn: some Transaction, for query: SearchQuery) throws -> (String, [SearchCandidate]) {
        var best: (String, [SearchCandidate])?
        for source in CandidateSource.sources(for: query) {
            let budget = best.map { $0.1.count } ?? .max
            if let found = try source.read(txn, properties, priceMax: query.priceMax, budget: budget), found.count < budget {
                best = (source.name, found)
            }
        }
        // `.price` reads every listed property without a budget when it comes first, so `best` is set.
        return best ?? ("price", [])
    }

    /// The candidate with what sorting and the hit need, if it passes every filter.
    private func match(_ txn: some Transaction, _ candidate: SearchCandidate, _ query: SearchQuery, now: Date) throws -> SearchMatch? {
        guard let card = try candidate.card ?? card(txn, candidate.id) else { return nil }
        if let city = query.city, card.cityKey != city { return nil }
        if let type = query.propertyType, card.propertyType != type { return nil }
        if let minimum = query.minRating, card.rating < minimum { return nil }
        guard card.amenities.contains(all: query.amenities) else { return nil }
        var distance = candidate.distanceKm
        if let center = query.center, distance == nil {
            let computed = center.distanceKm(to: card.location)
            guard computed <= query.radiusKm else { return nil }
            distance = computed
        }
        let rooms = card.rooms.filter { room in
            query.roomType.map { room.type == $0 } ?? true
                && query.priceMin.map { room.price >= $0 } ?? true
                && query.priceMax.map { room.price <= $0 } ?? true
        }
        guard !rooms.isEmpty else { return nil }
        var score = 0
        for (index, term) in query.terms.enumerated() {
            guard let weight = try textWeight(txn, candidate.id, term, prefix: index == query.terms.count - 1) else { return nil }
            score += weight
        }
        if let stay = query.stay {
            guard try rooms.contains(where: { try hasFreeBed(txn, $0, from: stay.from, to: stay.to, now: now) }) else { return nil }
        }
        return SearchMatch(id: candidate.id, card: card, distanceKm: distance, score: score)
    }

    /// The card of a listed property, found by id.
    private func card(_ txn: some Transaction, _ id: ObjectID) throws -> ListingCard? {
        var card: ListingCard?
        try properties.scan(txn, index: "card", .prefix([.id(id)])) { entry in
            card = try ListingCard(bytes: entry.cover)
            return false
        }
        return card
    }

    /// The highest weight of the property's tokens equal to `term` (or starting with it, for a prefix),
    /// or nil when none matches.
    private func textWeight(_ txn: some Transaction, _ id: ObjectID, _ term: String, prefix: Bool) throws -> Int? {
        let key = Tuple([.id(id), .string(term)])
        let range: KeyRange = prefix ? .prefix(Array(key.encoded.dropLast())) : .prefix(key)
        var best: Int?
        try properties.scan(txn, index: "text-of", range) { entry in
            if case .int(let weight) = try entry.key.elements.last { best = max(best ?? 0, Int(weight)) }
            return true
        }
        return best
    }

    private func hit(_ txn: some Transaction, _ match: SearchMatch) throws -> SearchHit {
        guard let property = try properties.get(txn, match.id)?.property else {
            throw StoreError.corrupt(table: "properties", reason: "a search index names missing property \(match.id)")
        }
        return SearchHit(
            id: property.id, name: property.name, city: property.address.city, locality: property.address.locality,
            propertyType: property.propertyType, coverImage: property.images.first, minPrice: match.card.minPrice,
            roomTypes: Array(Set(match.card.rooms.map(\.type))).sorted { $0.rawValue < $1.rawValue },
            rating: property.rating, reviewCount: property.reviewCount, distanceKm: match.distanceKm
        )
    }

    /// The key that orders matches for `sort`, smaller first.
    static func sortKey(_ match: SearchMatch, _ sort: SearchSort) -> SortKey {
        let card = match.card
        let values: [Double] =
            switch sort {
            case .relevance: [-Double(match.score), -card.rating]
            case .price: [Double(card.minPrice.minorUnits)]
            case .priceDescending: [-Double(card.minPrice.minorUnits)]
            case .rating: [-card.rating]
            case .distance: [match.distanceKm ?? 0]
            case .newest: [-(card.createdAt.timeIntervalSince1970 * 1_000_000).rounded()]
            }
        return SortKey(values: values, id: match.id)
    }
}

/// A candidate that passed every filter.
struct SearchMatch {
    var id: ObjectID
    var card: ListingCard
    var distanceKm: Double?
    var score: Int
}
