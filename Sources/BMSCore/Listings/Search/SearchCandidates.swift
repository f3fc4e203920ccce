import BMSStore

/// One index search can read candidates from. The planner counts each one's entries in turn, only as far
/// as the smallest complete count so far, and reads the smallest: the most selective index for this very
/// query, found at a cost of at most (number of indexes) × (its size) cheap steps.
enum CandidateSource: Hashable, Sendable {
    case geo(GeoPoint, radiusKm: Double)
    /// A text term; the last term of a query matches as a prefix.
    case text(String, prefix: Bool)
    case city(String)
    /// A city's listings with one amenity: a fraction of the city's when the amenity is rare.
    case cityAmenity(String, Amenity)
    case amenity(Amenity)
    case propertyType(PropertyType)
    /// Every listed property, by lowest price.
    case price

    var name: String {
        switch self {
        case .geo: "geo"
        case .text: "text"
        case .city: "city"
        case .cityAmenity: "city+amenity"
        case .amenity: "amenity"
        case .propertyType: "type"
        case .price: "price"
        }
    }

    /// The sources a query can use, most promising first: a circle and exact words are usually small, a
    /// city a tenth of the listings, a type or an amenity larger. All listings by price come last, and only
    /// when nothing else applies or a price cap may make them fewer. With a city and amenities, the city's
    /// listings with `cityAmenity` (the rarest of them, `rarestAmenity`) hold every candidate of both.
    static func sources(for query: SearchQuery, cityAmenity: Amenity? = nil) -> [CandidateSource] {
        var out: [CandidateSource] = []
        if let center = query.center { out.append(.geo(center, radiusKm: query.radiusKm)) }
        for (index, term) in query.terms.enumerated() { out.append(.text(term, prefix: index == query.terms.count - 1)) }
        if let city = query.city {
            if let amenity = cityAmenity { out.append(.cityAmenity(city, amenity)) }
            out.append(.city(city))
        }
        if let type = query.propertyType { out.append(.propertyType(type)) }
        out += query.amenities.amenities.map { .amenity($0) }
        if out.isEmpty || query.priceMax != nil { out.append(.price) }
        return out
    }

    /// How many candidates this source holds, or nil as soon as there are more than `budget`. An index
    /// range is counted by stepping over its keys, without reading the entries. A prefix term's count is
    /// of its entries, one per matching token, so a property with both "furnished" and "furniture" counts
    /// twice for "furn": an upper bound, enough for planning, and without the set of seen ids that a
    /// sixth of a text search's time went to.
    func count(_ txn: some Transaction, _ properties: RecordCollection<PropertyRecord>, priceMax: Money?, budget: Int) throws -> Int? {
        var count = 0
        if case .geo = self {
            try visit(txn, properties, priceMax: priceMax) { _, _, _, _ in
                count += 1
                return count <= budget ? .anyOrder : .stop
            }
        } else {
            count = try properties.count(txn, index: index, range(priceMax: priceMax), upTo: budget < .max ? budget + 1 : .max)
        }
        return count <= budget ? count : nil
    }

    /// How many of a city's listings are sampled to tell which of a query's amenities is rarest there.
    static let amenitySample = 64

    /// Of `amenities` (two or more), the one fewest of `city`'s first `amenitySample` listings by price
    /// (under `priceMax`) have, the first of them on a tie: its city-amenity range is then the smallest
    /// to read. The sample is the head of the city's range, which a search by price reads first anyway.
    static func rarestAmenity(
        in city: String, of amenities: [Amenity], _ candidates: CandidateReader<some Transaction>, priceMax: Money?
    ) throws -> Amenity? {
        guard amenities.count > 1 else { return amenities.first }
        var seen = [Int](repeating: 0, count: amenities.count)
        let masks = amenities.map(\.bit)
        var sampled = 0
        try candidates.visit(.city(city), priceMax: priceMax) { _, cover, _, _ in
            guard let cover else { return .stop }
            let mask = try CardView(cover).amenityMask
            for (index, bit) in masks.enumerated() where mask & bit != 0 { seen[index] += 1 }
            sampled += 1
            return sampled < amenitySample ? .inOrder : .stop
        }
        return seen.indices.min { seen[$0] < seen[$1] }.map { amenities[$0] }
    }

    /// Whether this source holds every candidate of `other`, so that it is never the smaller of the two:
    /// all listings by price hold those of any city, type or amenity under the same price cap, and a city
    /// or an amenity those of the city's listings with that amenity.
    func includes(_ other: CandidateSource) -> Bool {
        switch (self, other) {
        case (.price, .city), (.price, .cityAmenity), (.price, .amenity), (.price, .propertyType): true
        case (.city(let city), .cityAmenity(let other, _)): city == other
        case (.amenity(let amenity), .cityAmenity(_, let other)): amenity == other
        default: false
        }
    }

    /// Whether candidates come in `sort`'s order: the city, city-amenity, type, amenity and price indexes
    /// are keyed by lowest price then id, and geo hits come nearest first.
    func yieldsInOrder(of sort: SearchSort) -> Bool {
        switch (self, sort) {
        case (.city, .price), (.cityAmenity, .price), (.amenity, .price), (.propertyType, .price), (.price, .price), (.geo, .distance):
            true
        default: false
        }
    }

    /// What a visit hands each candidate to: its id, its card's bytes, its distance when it comes from the
    /// geo index, and its text score when the search snapshot knows it (see `TextMatches`).
    typealias Visitor = (_ id: ObjectID, _ card: UnsafeRawBufferPointer?, _ distanceKm: Double?, _ textScore: Int?) throws -> VisitNext

    /// Visits each candidate once, until `body` returns `.stop`: its id, its card's bytes, and its distance
    /// when it comes from the geo index (nearest first, read only as far as the visit goes; in any order
    /// once `body` returns `.anyOrder`, which the other sources, read in one pass, take as `.inOrder`). A
    /// candidate whose card `admits` refuses is passed over as it is read — by the geo index before it is
    /// even measured — so `body` sees only admitted cards; one without a card is handed over for `body` to
    /// test.
    func visit(
        _ txn: some Transaction, _ properties: RecordCollection<PropertyRecord>, priceMax: Money?,
        admitting admits: (_ cover: UnsafeRawBufferPointer) throws -> Bool = { _ in true }, _ body: Visitor
    ) throws {
        func admitted(_ cover: UnsafeRawBufferPointer?) throws -> Bool { try cover.map(admits) ?? true }
        switch self {
        case .geo(let center, let radiusKm):
            try properties.geo("location").forEachNearest(
                txn, within: radiusKm, of: center, admitting: admitted, { hit, card in try body(hit.id, card, hit.distanceKm, nil) })
        case .text(_, let prefix):
            var seen = Set<ObjectID>()
            try properties.scan(txn, index: index, range(priceMax: priceMax)) { entry in
                guard !prefix || seen.insert(entry.id).inserted, try admitted(entry.cover) else { return true }
                return try body(entry.id, entry.cover, nil, nil) != .stop
            }
        case .city, .cityAmenity, .amenity, .propertyType, .price:
            try properties.scan(txn, index: index, range(priceMax: priceMax)) { entry in
                guard try admitted(entry.cover) else { return true }
                return try body(entry.id, entry.cover, nil, nil) != .stop
            }
        }
    }

    private var index: String {
        switch self {
        case .geo: "location"
        case .text: "text"
        case .city: "city"
        case .cityAmenity: "city-amenity"
        case .amenity: "amenity"
        case .propertyType: "type"
        case .price: "price"
        }
    }

    /// The index range to read. For the indexes keyed by lowest room price after their value, only
    /// entries up to `priceMax`: a property whose cheapest room costs more has no room in the range.
    private func range(priceMax: Money?) -> KeyRange {
        switch self {
        case .geo: return .all
        case .text(let term, let prefix):
            // A term's entries sit under `(term)`; a prefix also takes every longer token, so drop the
            // string terminator and take the byte prefix.
            return prefix ? .prefix(Array(Tuple([.string(term)]).encoded.dropLast())) : .prefix(Tuple([.string(term)]))
        case .city(let city): return Self.range([.string(city)], priceMax: priceMax)
        case .cityAmenity(let city, let amenity): return Self.range([.string(city), .string(amenity.rawValue)], priceMax: priceMax)
        case .amenity(let amenity): return Self.range([.string(amenity.rawValue)], priceMax: priceMax)
        case .propertyType(let type): return Self.range([.int(Int64(type.rawValue))], priceMax: priceMax)
        case .price: return Self.range([], priceMax: priceMax)
        }
    }

    private static func range(_ prefix: [TupleElement], priceMax: Money?) -> KeyRange {
        let start = Tuple(prefix)
        guard let priceMax else { return prefix.isEmpty ? .all : .prefix(start) }
        let end = start.appending(.int(priceMax.minorUnits)).encoded + [0xFF]
        return KeyRange(lower: prefix.isEmpty ? .unbounded : .included(start.encoded), upper: .excluded(end))
    }
}
