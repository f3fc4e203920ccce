import BMSCore

/// A page of public search results.
struct SearchPageResponse: Encodable, Sendable {
    /// One result card.
    struct Hit: Encodable, Sendable {
        let id: String
        let propertyName: String
        let city: String
        let locality: String
        let propertyType: String
        /// `/media/<sha256>` of the first photo, or null.
        @Nullable var coverImage: String?
        /// The lowest monthly price per bed among its rooms, in minor units.
        let minPrice: Int64
        let roomTypes: [String]
        let rating: Double
        let reviewCount: Int
        /// Only when searching near a point.
        let distanceKm: Double?

        init(_ hit: SearchHit) {
            id = hit.id.description
            propertyName = hit.name
            city = hit.city
            locality = hit.locality
            propertyType = hit.propertyType.name
            coverImage = hit.coverImage.map(MediaController.path)
            minPrice = hit.minPrice.minorUnits
            roomTypes = hit.roomTypes.map(\.name)
            rating = hit.rating
            reviewCount = hit.reviewCount
            distanceKm = hit.distanceKm
        }
    }

    let hits: [Hit]
    /// Matches on every page; at least this many when `totalIsExact` is false (show "100+").
    let total: Int
    let totalIsExact: Bool
    /// Pass as `cursor`, with the same other parameters, for the next page; null on the last page.
    @Nullable var nextCursor: String?

    init(_ page: SearchPage) {
        hits = page.hits.map(Hit.init)
        total = page.total
        totalIsExact = page.totalIsExact
        nextCursor = page.nextCursor?.text
    }
}

extension SearchPageResponse: JSONWritable {
    /// A hit takes 300–400 bytes.
    var jsonSizeEstimate: Int { 128 + 400 * hits.count }

    /// Members in sorted order, as the API's encoder writes them.
    func writeJSON(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("hits")
        writer.beginArray()
        for hit in hits { try hit.writeJSON(to: &writer) }
        writer.endArray()
        writer.key("nextCursor")
        writer.optionalString(nextCursor)
        writer.key("total")
        writer.integer(Int64(total))
        writer.key("totalIsExact")
        writer.bool(totalIsExact)
        writer.endObject()
    }
}

extension SearchPageResponse.Hit {
    func writeJSON(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("city")
        writer.string(city)
        writer.key("coverImage")
        writer.optionalString(coverImage)
        if let distanceKm {
            writer.key("distanceKm")
            try writer.number(distanceKm)
        }
        writer.key("id")
        writer.string(id)
        writer.key("locality")
        writer.string(locality)
        writer.key("minPrice")
        writer.integer(minPrice)
        writer.key("propertyName")
        writer.string(propertyName)
        writer.key("propertyType")
        writer.string(propertyType)
        writer.key("rating")
        try writer.number(rating)
        writer.key("reviewCount")
        writer.integer(Int64(reviewCount))
        writer.key("roomTypes")
        writer.strings(roomTypes)
        writer.endObject()
    }
}
