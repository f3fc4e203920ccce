import BMSStore

/// One property in search results, as a result card shows it.
public struct SearchHit: Sendable, Equatable {
    public var id: PropertyID
    public var name: String
    public var city: String
    public var locality: String
    /// Where it is, for the results map.
    public var coordinates: GeoPoint
    public var propertyType: PropertyType
    /// The first photo.
    public var coverImage: MediaDigest?
    /// The lowest monthly price per bed among its rooms.
    public var minPrice: Money
    public var roomTypes: [RoomType]
    public var rating: Double
    public var reviewCount: Int
    /// Kilometres from the searched point, when searching near one.
    public var distanceKm: Double?
}

/// A page of search results.
public struct SearchPage: Sendable {
    public var hits: [SearchHit]
    /// How many properties match the whole search (every page); at least this many when not
    /// `totalIsExact`.
    public var total: Int
    /// False when the search stopped counting at `ListingService.totalCountLimit` (100) matches.
    public var totalIsExact: Bool
    /// Where the next page starts; nil on the last page.
    public var nextCursor: SearchCursor?
    /// The index the candidates were read from ("city", "geo", "text", …): the plan, for tests and logs.
    public var servedBy: String
    /// Whether the candidates were read from the search snapshot rather than the index itself.
    public var readSnapshot = false
}
