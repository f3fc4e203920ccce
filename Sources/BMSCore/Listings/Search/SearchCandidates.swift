import BMSStore

/// A property that may match: its id, its card when the index covered it, and its distance when it
/// came from the geo index.
struct SearchCandidate {
    var id: ObjectID
    var card: ListingCard?
    var distanceKm: Double?
}

/// One index search can read candidates from. The planner reads them in turn, each one only as far as
/// the smallest complete candidate set so far, and keeps the smallest: the most selective index for this
/// very query, found at a cost of at most (number of indexes) × (its size).
enum CandidateSource {
    case geo(GeoPoint, radiusKm: Double)
    /// A text term; the last term of a query matches as a prefix.
    case text(String, prefix: Bool)
    case city(String)
    case amenity(Amenity)
    case propertyType(PropertyType)
    /// Every listed property, by lowest price.
    case price

    var name: String {
        switch self {
        case .geo: "geo"
        case .text: "text"
        case .city: "city"
        case .amenity: "amenity"
        case .propertyType: "type"
        case .price: "price"
        }
    }

    /// The sources a query can use, most promising first: a circle and exact words are usually small, a
    /// city a tenth of the listings, an amenity or a type larger, all listings last.
    static func sources(for query: SearchQuery) -> [CandidateSource] {
        var out: [CandidateSource] = []
        if let center = query.center { out.append(.geo(center, radiusKm: query.radiusKm)) }
        for (index, term) in query.terms.enumerated() { out.append(.text(term, prefix: index == query.terms.count - 1)) }
        if let city = query.city { out.append(.city(city)) }
        if let type = query.propertyType { out.append(.propertyType(type)) }
        out += query.amenities.amenities.map { .amenity($0) }
        out.append(.price)
        return out
    }

    /// Reads the candidates of this source, or nil as soon as there are more than `budget`.
    func read(
        _ txn: some Transaction, _ properties: RecordCollection<PropertyRecord>, priceMax: Money?, budget: Int
    ) throws -> [SearchCandidate]? {
        switch self {
        case .geo(let center, let radiusKm):
            return try properties.geo("location").within(txn, of: center, radiusKm: radiusKm).map {
                SearchCandidate(id: $0.id, card: nil, distanceKm: $0.distanceKm)
            }
        case .text(let term, let prefix):
            let bytes = Tuple([.string(term)]).encoded
            // A term's entries sit under `(term)`; a prefix also takes every longer token, so drop the
            // string terminator and take the byte prefix.
            let range: KeyRange = prefix ? .prefix(Array(bytes.dropLast())) : .prefix(Tuple([.string(term)]))
            var seen = Set<ObjectID>()
            var out: [SearchCandidate] = []
            var complete = true
            try properties.scan(txn, index: "text", range) { entry in
                guard seen.insert(entry.id).inserted else { return true }
                guard out.count < budget else {
                    complete = false
                    return false
                }
                out.append(SearchCandidate(id: entry.id))
                return true
            }
            return complete ? out : nil
        case .city(let city):
            return try scan(txn, properties, "city", Self.range([.string(city)], priceMax: priceMax), covered: true, budget: budget)
        case .amenity(let amenity):
            return try scan(txn, properties, "amenity", Self.range([.string(amenity.rawValue)], priceMax: priceMax), covered: false, budget: budget)
        case .propertyType(let type):
            return try scan(txn, properties, "type", Self.range([.int(Int64(type.rawValue))], priceMax: priceMax), covered: true, budget: budget)
        case .price:
            return try scan(txn, properties, "price", Self.range([], priceMax: priceMax), covered: true, budget: budget)
        }
    }

    private func scan(
        _ txn: some Transaction, _ properties: RecordCollection<PropertyRecord>, _ index: String, _ range: KeyRange,
        covered: Bool, budget: Int
    ) throws -> [SearchCandidate]? {
        var out: [SearchCandidate] = []
        var complete = true
        try properties.scan(txn, index: index, range) { entry in
            guard out.count < budget else {
                complete = false
                return false
            }
            out.append(SearchCandidate(id: entry.id, card: covered ? try ListingCard(bytes: entry.cover) : nil))
            return true
        }
        return complete ? out : nil
    }

    /// Entries under `prefix` whose lowest price (the next key element) is at most `priceMax`: a property
    /// whose cheapest room costs more cannot have a room in the price range.
    private static func range(_ prefix: [TupleElement], priceMax: Money?) -> KeyRange {
        let start = Tuple(prefix)
        guard let priceMax else { return prefix.isEmpty ? .all : .prefix(start) }
        let end = start.appending(.int(priceMax.minorUnits)).encoded + [0xFF]
        return KeyRange(lower: prefix.isEmpty ? .unbounded : .included(start.encoded), upper: .excluded(end))
    }
}

extension SearchCandidate {
    init(id: ObjectID) { self.init(id: id, card: nil, distanceKm: nil) }
}
