import BMSStore

/// Every listed property's search card, text tokens included, in one block of memory, with what the search
/// indexes hold as arrays of listing numbers: by city, city and amenity, amenity, type and price, each in
/// lowest-price order, by text token, and by location (a `GeoPointList`). Search reads its candidates from
/// here while the listings have not changed since it was built: the same cards as the indexes' covers,
/// without a B-tree step, a key to parse and a scattered page per candidate, which were most of an
/// uncached search's time.
///
/// Each listing's search hit is kept too, so that a page of answers reads no property record.
///
/// Listings are numbered in the city index's order (city, lowest price, id) and their cards lie in that
/// order, so a city's listings, with an amenity or not, are read walking memory forwards.
///
/// Built from one read transaction (`build`) and never changed afterwards; it answers for the properties'
/// change count read before that transaction (`changeCount`), which is what `SearchSnapshots` compares.
final class SearchSnapshot: Sendable {
    /// The properties' change count read before the transaction it was built from.
    let changeCount: UInt64
    /// By listing number.
    private let ids: [ObjectID]
    private let numbers: [ObjectID: Int32]
    /// Without a distance.
    private let hits: [SearchHit]
    private let minPrices: [Int64]
    /// Each listing's amenities, dense, so that most candidates an amenity filter refuses are refused
    /// without reading their cards, which lie a few hundred bytes apart.
    private let amenityMasks: [UInt64]
    /// Listing `n`'s card is `cards[cardStarts[n]..<cardStarts[n + 1]]`.
    private let cardStarts: [Int]
    private let cards: [UInt8]
    /// The listing numbers of each city, city and amenity, amenity and type source, and of `.price`, in
    /// the order of their index: lowest price, then id.
    private let lists: [CandidateSource: [Int32]]
    /// Every token, ordered by its UTF-8 bytes (as the text index orders them), with its listings' numbers
    /// in ascending order beside it, and the token's weight in each of those listings: a text search scores
    /// its matches from these, without reading the tokens on their cards.
    private let tokens: [[UInt8]]
    private let postings: [[Int32]]
    private let postingWeights: [[UInt8]]
    /// Every listing's location, searched nearest first as the geo index is, with the amenities and lowest
    /// price of the listing at each position in it: a walk reads those forwards, not scattered.
    private let locations: GeoPointList
    private let amenityMasksByLocation: [UInt64]
    private let minPricesByLocation: [Int64]

    /// How many listings it holds.
    var listingCount: Int { ids.count }

    /// Reads the card index, which holds every listed property's card with its tokens, and the hits of
    /// the properties it names.
    static func build(_ txn: some Transaction, _ properties: RecordCollection<PropertyRecord>, changeCount: UInt64) throws -> SearchSnapshot {
        var read = ReadCards()
        try properties.scan(txn, index: "card") { entry in
            try read.add(entry.id, entry.cover)
            return true
        }
        // In id order, as the records lie.
        let hits = try read.ids.map { id in try properties.searchHit(txn, id, distanceKm: nil) }
        return try SearchSnapshot(changeCount: changeCount, read, hits: hits)
    }

    private init(changeCount: UInt64, _ read: ReadCards, hits: [SearchHit]) throws {
        self.changeCount = changeCount
        let order = read.ids.indices.sorted { a, b in
            (read.cities[a], read.minPrices[a], read.ids[a]) < (read.cities[b], read.minPrices[b], read.ids[b])
        }
        ids = order.map { read.ids[$0] }
        self.hits = order.map { hits[$0] }
        numbers = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        minPrices = order.map { read.minPrices[$0] }
        amenityMasks = order.map { read.amenityMasks[$0] }
        var cards: [UInt8] = []
        cards.reserveCapacity(read.cards.count)
        var cardStarts = [0]
        cardStarts.reserveCapacity(order.count + 1)
        for index in order {
            cards += read.cards[read.cardStarts[index]..<read.cardStarts[index + 1]]
            cardStarts.append(cards.count)
        }
        self.cards = cards
        self.cardStarts = cardStarts

        let (ids, minPrices, amenityMasks) = (ids, minPrices, amenityMasks)
        var lists: [CandidateSource: [Int32]] = [:]
        var locations: [(id: ObjectID, point: GeoPoint, number: Int32)] = []
        locations.reserveCapacity(order.count)
        // By `String`: most tokens are short enough to be kept inline, where an array key allocates.
        var tokenPostings: [String: Posting] = [:]
        try cards.withUnsafeBytes { raw in
            for number in order.indices {
                let card = try CardView(UnsafeRawBufferPointer(rebasing: raw[cardStarts[number]..<cardStarts[number + 1]]))
                let listing = Int32(number)
                locations.append((ids[number], card.location, listing))
                let city = String(decoding: card.cityBytes, as: UTF8.self)
                lists[.city(city), default: []].append(listing)
                lists[.propertyType(try PropertyType(storedCode: card.propertyTypeCode, in: PropertyRecord.collectionName)), default: []]
                    .append(listing)
                lists[.price, default: []].append(listing)
                for amenity in AmenitySet(mask: card.amenityMask).amenities {
                    lists[.cityAmenity(city, amenity), default: []].append(listing)
                    lists[.amenity(amenity), default: []].append(listing)
                }
                try card.forEachToken { weight, token in
                    tokenPostings[String(decoding: token, as: UTF8.self), default: Posting()].append(listing, weight: weight)
                }
            }
        }
        // Numbers follow price within a city only; the lists that span cities are put in price order.
        for (source, numbers) in lists {
            switch source {
            case .propertyType, .price, .amenity:
                lists[source] = numbers.sorted { (minPrices[Int($0)], ids[Int($0)]) < (minPrices[Int($1)], ids[Int($1)]) }
            case .city, .cityAmenity, .geo, .text: break
            }
        }
        self.lists = lists
        let locationList = try GeoPointList(locations)
        self.locations = locationList
        amenityMasksByLocation = locationList.numbers.map { amenityMasks[Int($0)] }
        minPricesByLocation = locationList.numbers.map { minPrices[Int($0)] }
        let tokens = tokenPostings.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        self.tokens = tokens.map { Array($0.utf8) }
        let sortedPostings = tokens.map { tokenPostings[$0]! }
        postings = sortedPostings.map(\.numbers)
        postingWeights = sortedPostings.map(\.weights)
    }

    /// The search hit of a listed property, nil for one it does not hold.
    func hit(_ id: ObjectID, distanceKm: Double?) -> SearchHit? {
        guard let number = numbers[id] else { return nil }
        var hit = hits[Int(number)]
        hit.distanceKm = distanceKm
        return hit
    }

    /// How many candidates `source` holds under `priceMax`, as `CandidateSource.count` counts them (a
    /// prefix term counts one per matching token; the points within a circle are counted only until there
    /// are more than `budget`).
    func count(_ source: CandidateSource, priceMax: Money?, budget: Int) throws -> Int {
        switch source {
        case .geo(let center, let radiusKm):
            var count = 0
            try locations.forEachNearest(within: radiusKm, of: center) { _, _ in
                count += 1
                return count <= budget ? .anyOrder : .stop
            }
            return count
        case .text(let term, let prefix):
            return tokenRange(Array(term.utf8), prefix: prefix).reduce(0) { $0 + postings[$1].count }
        case .city, .cityAmenity, .amenity, .propertyType, .price:
            return listed(source, priceMax: priceMax).count
        }
    }

    /// `CandidateSource.visit` from memory: each candidate of `source` under `priceMax` that matches every
    /// text term and that `admits` and `admitsCard` (nil: the columns decide) take, in its index's order (a
    /// text source's in listing order, a circle's nearest first until `body` returns `.anyOrder`), until
    /// `body` returns `.stop`.
    ///
    /// The terms are looked up in the token lists, so a candidate is read only if it matches them all: the
    /// candidates of a text source are the listings of every term at once, not of one term. Each comes with
    /// its text score from those lists (`TextMatches`), nil without terms.
    ///
    /// Inlined into its one caller, `CandidateReader.visit`, where the compiler otherwise leaves it since
    /// its body returns a `VisitNext` (a city search took 5 % more CPU over HTTP).
    @inline(__always)
    func visit(
        _ source: CandidateSource, priceMax: Money?, terms: [SearchFilter.TermKey],
        admitting admits: (_ amenityMask: UInt64) -> Bool,
        _ admitsCard: ((UnsafeRawBufferPointer) throws -> Bool)?, _ body: CandidateSource.Visitor
    ) throws {
        let matches = terms.isEmpty ? nil : textMatches(terms)
        let numbers: ArraySlice<Int32>
        switch source {
        case .geo(let center, let radiusKm):
            return try visitNearest(center, radiusKm: radiusKm, priceMax: priceMax, matching: matches, admitting: admits, admitsCard, body)
        case .text(let term, let prefix): numbers = ArraySlice((matches?.listings ?? listings(matching: Array(term.utf8), prefix: prefix)).members)
        case .city, .cityAmenity, .amenity, .propertyType, .price: numbers = listed(source, priceMax: priceMax)
        }
        let priceMax = priceMax?.minorUnits ?? .max
        try cards.withUnsafeBytes { raw in
            for number in numbers.lazy.map(Int.init) {
                guard matches?.listings.contains(number) ?? true, minPrices[number] <= priceMax, admits(amenityMasks[number]) else { continue }
                let card = UnsafeRawBufferPointer(rebasing: raw[cardStarts[number]..<cardStarts[number + 1]])
                guard try admitsCard?(card) ?? true else { continue }
                guard try body(ids[number], card, nil, matches?.score(number)) != .stop else { return }
            }
        }
    }

    /// `visit` for `.geo`. The walk refuses listings by amenities and by a price cap under their lowest
    /// price from columns in its own order, and reads a card only for a point it hands out: cards lie in
    /// price order, and it queues more points than it hands out.
    private func visitNearest(
        _ center: GeoPoint, radiusKm: Double, priceMax: Money?, matching matches: TextMatches?,
        admitting admits: (_ amenityMask: UInt64) -> Bool,
        _ admitsCard: ((UnsafeRawBufferPointer) throws -> Bool)?, _ body: CandidateSource.Visitor
    ) throws {
        let priceMax = priceMax?.minorUnits ?? .max
        try cards.withUnsafeBytes { raw in
            try locations.forEachNearest(within: radiusKm, of: center) { position in
                minPricesByLocation[position] <= priceMax && admits(amenityMasksByLocation[position])
                    && (matches?.listings.contains(Int(locations.numbers[position])) ?? true)
            } _: { hit, position in
                let number = Int(locations.numbers[position])
                let card = UnsafeRawBufferPointer(rebasing: raw[cardStarts[number]..<cardStarts[number + 1]])
                return try admitsCard?(card) ?? true ? body(hit.id, card, hit.distanceKm, matches?.score(number)) : .inOrder
            }
        }
    }

    /// The listings of a source kept in price order, those whose lowest price is at most `priceMax`.
    private func listed(_ source: CandidateSource, priceMax: Money?) -> ArraySlice<Int32> {
        let numbers = lists[source] ?? []
        guard let priceMax else { return numbers[...] }
        var (low, high) = (0, numbers.count)
        while low < high {
            let middle = (low + high) / 2
            if minPrices[Int(numbers[middle])] <= priceMax.minorUnits { low = middle + 1 } else { high = middle }
        }
        return numbers[..<low]
    }

    /// The positions in `tokens` of the term, or of every token starting with it: those are together,
    /// from the first token not ordered before the term.
    private func tokenRange(_ term: [UInt8], prefix: Bool) -> Range<Int> {
        let start = firstToken { !$0.lexicographicallyPrecedes(term) }
        guard prefix else { return start..<(start < tokens.count && tokens[start] == term ? start + 1 : start) }
        return start..<firstToken { !$0.lexicographicallyPrecedes(term) && !$0.starts(with: term) }
    }

    /// The first position in `tokens` from which `isPast` holds; it must hold for every later token too.
    private func firstToken(where isPast: ([UInt8]) -> Bool) -> Int {
        var (low, high) = (0, tokens.count)
        while low < high {
            let middle = (low + high) / 2
            if isPast(tokens[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The listings with the term as a token, or (`prefix`) a token starting with it.
    private func listings(matching term: [UInt8], prefix: Bool) -> ListingSet {
        var set = ListingSet(capacity: ids.count)
        for token in tokenRange(term, prefix: prefix) { set.insert(contentsOf: postings[token]) }
        return set
    }

    /// The listings that match every term as `SearchFilter.TermKey.matches` does, with their scores.
    private func textMatches(_ terms: [SearchFilter.TermKey]) -> TextMatches {
        var set = ListingSet(capacity: ids.count)
        var weights: [[UInt8]] = []
        for (index, term) in terms.enumerated() {
            var termSet = ListingSet(capacity: ids.count)
            var best = [UInt8](repeating: 0, count: ids.count)
            best.withUnsafeMutableBufferPointer { best in
                for token in tokenRange(term.bytes, prefix: term.isPrefix) {
                    termSet.insert(contentsOf: postings[token])
                    for (number, weight) in zip(postings[token], postingWeights[token]) { best[Int(number)] = max(best[Int(number)], weight) }
                }
            }
            if index == 0 { set = termSet } else { set.formIntersection(termSet) }
            weights.append(best)
        }
        return TextMatches(listings: set, weights: weights)
    }
}

/// The card index as read, in id order, before the snapshot puts it in city and price order.
private struct ReadCards {
    var ids: [ObjectID] = []
    var minPrices: [Int64] = []
    var amenityMasks: [UInt64] = []
    /// A number per city, in the order cities were met: only listings of one city need to be together.
    var cities: [Int] = []
    var cityNumbers: [String: Int] = [:]
    var cardStarts = [0]
    var cards: [UInt8] = []

    mutating func add(_ id: ObjectID, _ cover: UnsafeRawBufferPointer) throws {
        let card = try CardView(cover)
        // A card without a room matches no search (`SearchFilter.admits` refuses it): left out, a listing
        // the columns admit needs no look at its card for that.
        guard card.roomCount > 0 else { return }
        let city = String(decoding: card.cityBytes, as: UTF8.self)
        ids.append(id)
        minPrices.append(card.minPrice)
        amenityMasks.append(card.amenityMask)
        if cityNumbers[city] == nil { cityNumbers[city] = cityNumbers.count }
        cities.append(cityNumbers[city]!)
        cards += cover
        cardStarts.append(cards.count)
    }
}

/// A token's listings while the snapshot is built, with its weight in each.
private struct Posting {
    var numbers: [Int32] = []
    var weights: [UInt8] = []

    mutating func append(_ listing: Int32, weight: Int) {
        numbers.append(listing)
        weights.append(UInt8(weight))
    }
}

/// The listings that match every term of a text search, and the weights that score them: per term, the
/// highest weight the listing's tokens that match it have (0 for none), by listing number. The sum over the
/// terms is the score `ListingService.textScore` reads from a listing's card.
struct TextMatches {
    let listings: ListingSet
    let weights: [[UInt8]]

    func score(_ number: Int) -> Int { weights.reduce(0) { $0 + Int($1[number]) } }
}
