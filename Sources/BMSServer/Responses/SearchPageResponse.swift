import BMSCore

/// A page of public search results.
///
/// Answers are written straight from the search's hits (`writeJSON`): building a `Hit` for each first —
/// its id, cover path and room types as new strings — cost as much as writing them. `Hit` is the
/// answer's declared form, which `Encodable` encodes, and which the writer is tested against.
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

    private let page: SearchPage

    init(_ page: SearchPage) { self.page = page }

    private enum CodingKeys: String, CodingKey {
        /// `[Hit]`.
        case hits
        /// Matches on every page; at least this many when `totalIsExact` is false (show "100+").
        case total
        case totalIsExact
        /// Pass as `cursor`, with the same other parameters, for the next page; null on the last page.
        case nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(page.hits.map(Hit.init), forKey: .hits)
        try container.encode(page.total, forKey: .total)
        try container.encode(page.totalIsExact, forKey: .totalIsExact)
        try container.encode(page.nextCursor?.text, forKey: .nextCursor)
    }
}

extension SearchPageResponse: JSONWritable {
    /// A hit takes 300–400 bytes.
    var jsonSizeEstimate: Int { 128 + 400 * page.hits.count }

    /// Members in sorted order, as the API's encoder writes them.
    func writeJSON(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("hits")
        writer.beginArray()
        // Through the buffer, whose elements are lent in place: a for-in loop, or a subscript of the array,
        // copies each hit out of it, retaining and releasing its strings.
        try page.hits.withUnsafeBufferPointer { hits in
            for index in hits.indices { try hits[index].writeJSON(to: &writer) }
        }
        writer.endArray()
        writer.key("nextCursor")
        writer.optionalString(page.nextCursor?.text)
        writer.key("total")
        writer.integer(Int64(page.total))
        writer.key("totalIsExact")
        writer.bool(page.totalIsExact)
        writer.endObject()
    }
}

extension SearchHit {
    /// The `Hit` this hit is, written member by member.
    fileprivate func writeJSON(to writer: inout JSONWriter) throws {
        writer.beginObject()
        writer.key("city")
        writer.string(city)
        writer.key("coverImage")
        writer.optionalString(coverImage.map(MediaController.path))
        if let distanceKm {
            writer.key("distanceKm")
            try writer.number(distanceKm)
        }
        writer.key("id")
        writer.string(id.objectID)
        writer.key("locality")
        writer.string(locality)
        writer.key("minPrice")
        writer.integer(minPrice.minorUnits)
        writer.key("propertyName")
        writer.string(name)
        writer.key("propertyType")
        writer.string(propertyType.name)
        writer.key("rating")
        try writer.number(rating)
        writer.key("reviewCount")
        writer.integer(Int64(reviewCount))
        writer.key("roomTypes")
        writer.beginArray()
        for type in roomTypes { writer.string(type.name) }
        writer.endArray()
        writer.endObject()
    }
}
