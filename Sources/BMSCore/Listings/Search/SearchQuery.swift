import BMSStore
import Foundation

/// How search results are ordered. Ties are always broken by property id, so that an order is total and a
/// cursor marks one exact place in it.
public enum SearchSort: String, Sendable, CaseIterable {
    /// Text score (name 3, locality and city 2, description 1 per matched word) when there is a text
    /// query; else distance when searching near a point; else rating.
    case relevance
    /// Cheapest first, by the lowest room price of the property.
    case price
    /// Dearest first.
    case priceDescending = "-price"
    /// Best rated first.
    case rating
    /// Nearest first; needs `lat` and `lng`.
    case distance
    /// Most recently listed first.
    case newest
}

/// A public property search, validated. Built from query parameters by `parse(_:)`. Hashable, so that a
/// search's answer can be kept for the same query (`SearchCache`).
public struct SearchQuery: Hashable, Sendable {
    /// Nights from `from` up to (not including) `to`.
    public struct Stay: Hashable, Sendable {
        public var from: CalendarDate
        public var to: CalendarDate
    }

    public static let maximumLimit = 50
    public static let defaultLimit = 20
    public static let defaultRadiusKm = 10.0
    public static let maximumRadiusKm = 200.0

    /// The city, folded.
    public var city: String?
    public var amenities = AmenitySet([])
    public var priceMin: Money?
    public var priceMax: Money?
    public var center: GeoPoint?
    public var radiusKm = SearchQuery.defaultRadiusKm
    public var propertyType: PropertyType?
    public var roomType: RoomType?
    /// Only properties with a room that has a free bed on every night of `from..<to`.
    public var stay: Stay?
    public var minRating: Double?
    /// Folded words; the last matches as a prefix.
    public var terms: [String] = []
    public var sort = SearchSort.relevance
    public var limit = SearchQuery.defaultLimit
    public var cursor: SearchCursor?

    public init() {}

    /// The parameters `parse` accepts.
    public static let parameterNames: Set<String> = [
        "city", "amenities", "priceMin", "priceMax", "lat", "lng", "radius", "propertyType", "roomType", "from", "to",
        "minRating", "q", "sort", "limit", "cursor",
    ]

    /// Reads query parameters. Unknown, repeated and malformed parameters are refused with
    /// `ListingError.validation` naming each one.
    public static func parse(_ items: [(name: String, value: String)]) throws -> SearchQuery {
        var errors = FieldErrors()
        var values = [String: String](minimumCapacity: items.count)
        for (name, value) in items {
            if !parameterNames.contains(name) {
                errors.note(name, "is not a search parameter; known: \(parameterNames.sorted().joined(separator: ", "))")
            } else if values[name] != nil {
                errors.note(name, "is given more than once")
            } else {
                values[name] = value
            }
        }
        var query = SearchQuery()
        func read<T>(_ name: String, _ convert: (String) -> Result<T, FieldProblem>) -> T? {
            guard let raw = values[name] else { return nil }
            return errors.check(name, convert(raw))
        }
        query.city = read("city") { raw in
            let folded = TextFolding.fold(raw.trimmedOfSpaces)
            return folded.isEmpty || folded.count > 80 ? .failure("must be 1 to 80 characters") : .success(folded)
        }
        query.amenities = read("amenities") { ListingRules.amenities(commaSeparated($0)) } ?? AmenitySet([])
        query.priceMin = read("priceMin") { amount($0) }
        query.priceMax = read("priceMax") { amount($0) }
        if let low = query.priceMin, let high = query.priceMax, low > high { errors.note("priceMax", "must not be below priceMin") }
        let lat = read("lat") { number($0, in: -90...90) }
        let lng = read("lng") { number($0, in: -180...180) }
        if let radius = read("radius", { number($0, in: 0.001...maximumRadiusKm) }) { query.radiusKm = radius }
        switch (lat, lng) {
        case (let lat?, let lng?): query.center = GeoPoint(latitude: lat, longitude: lng)
        case (nil, _?): if values["lat"] == nil { errors.note("lat", "is required with lng") }
        case (_?, nil): if values["lng"] == nil { errors.note("lng", "is required with lat") }
        case (nil, nil): if values["radius"] != nil { errors.note("radius", "needs lat and lng") }
        }
        query.propertyType = read("propertyType") { ListingRules.named($0, PropertyType.self) }
        query.roomType = read("roomType") { ListingRules.named($0, RoomType.self) }
        let from = read("from") { CalendarDate($0).map { .success($0) } ?? .failure("must be a date YYYY-MM-DD") }
        let to = read("to") { CalendarDate($0).map { .success($0) } ?? .failure("must be a date YYYY-MM-DD") }
        switch (from, to) {
        case (let from?, let to?):
            let nights = from.nights(until: to)
            if nights < 1 {
                errors.note("to", "must be after from")
            } else if nights > BedLedger.maximumNights {
                errors.note("to", "at most \(BedLedger.maximumNights) nights after from")
            } else {
                query.stay = Stay(from: from, to: to)
            }
        case (nil, _?): if values["from"] == nil { errors.note("from", "is required with to") }
        case (_?, nil): if values["to"] == nil { errors.note("to", "is required with from") }
        case (nil, nil): break
        }
        query.minRating = read("minRating") { number($0, in: 0...5) }
        if let text = values["q"] {
            query.terms = TextTokens.terms(of: text)
            if text.count > 200 { errors.note("q", "must be at most 200 characters") }
        }
        if let sort = read(
            "sort",
            { raw in
                SearchSort(rawValue: raw).map { .success($0) }
                    ?? .failure(FieldProblem("must be one of \(SearchSort.allCases.map(\.rawValue).joined(separator: ", "))"))
            })
        {
            query.sort = sort
            if sort == .distance, values["lat"] == nil || values["lng"] == nil { errors.note("sort", "distance needs lat and lng") }
        }
        if let limit = read(
            "limit",
            { raw in
                Int(raw).flatMap { (1...maximumLimit).contains($0) ? $0 : nil }.map { .success($0) }
                    ?? .failure(FieldProblem("must be a whole number from 1 to \(maximumLimit)"))
            })
        {
            query.limit = limit
        }
        query.cursor = read("cursor") { raw in
            guard let cursor = SearchCursor(raw) else { return .failure("is not a cursor from this search") }
            return .success(cursor)
        }
        if let cursor = query.cursor, errors.problems.isEmpty, cursor.sortName != query.effectiveSort.rawValue {
            errors.note("cursor", "belongs to a search with another sort")
        }
        guard errors.problems.isEmpty else { throw ListingError.validation(errors.problems) }
        return query
    }

    /// The sort actually applied: `relevance` resolves to text score, distance or rating.
    var effectiveSort: SearchSort {
        guard sort == .relevance, terms.isEmpty else { return sort }
        return center != nil ? .distance : .rating
    }

    /// The parts of a comma-separated list, split on its bytes: splitting its characters runs Unicode's
    /// grapheme rules over every byte, for a list of ASCII names.
    private static func commaSeparated(_ raw: String) -> [String] {
        raw.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true).map { String(Substring($0)) }
    }

    private static func amount(_ raw: String) -> Result<Money, FieldProblem> {
        guard let value = Int64(raw), value >= 0 else { return .failure("must be a whole amount in minor units (paise), 0 or more") }
        return .success(Money(minorUnits: value))
    }

    private static func number(_ raw: String, in range: ClosedRange<Double>) -> Result<Double, FieldProblem> {
        guard let value = Double(raw), value.isFinite, range.contains(value) else {
            return .failure(FieldProblem("must be a number from \(range.lowerBound.formatted()) to \(range.upperBound.formatted())"))
        }
        return .success(value)
    }
}

extension Double {
    fileprivate func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}
