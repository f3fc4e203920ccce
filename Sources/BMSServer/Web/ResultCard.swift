import BMSCore

/// One search result as a card on the home and results pages.
enum ResultCard {
    /// - Parameter stay: the searched dates, carried to the property page so it shows beds free for them.
    static func values(_ hit: SearchHit, stay: (from: CalendarDate, to: CalendarDate)?) -> [String: Any] {
        var href = "/properties/\(hit.id.description)"
        if let stay { href += "?" + QueryString.encode([("from", stay.from.description), ("to", stay.to.description)]) }
        var values: [String: Any] = [
            "href": href, "name": hit.name, "locality": hit.locality, "city": hit.city, "propertyType": hit.propertyType.name,
            "minPrice": RupeeText.format(hit.minPrice), "roomTypes": hit.roomTypes.map(\.name).joined(separator: ", "),
            "rating": RatingText.summary(rating: hit.rating, reviews: hit.reviewCount),
            "latitude": String(hit.coordinates.latitude), "longitude": String(hit.coordinates.longitude),
        ]
        if let cover = hit.coverImage { values["cover"] = MediaController.path(for: cover) }
        if let distance = hit.distanceKm { values["distance"] = DistanceText.format(kilometres: distance) }
        return values
    }
}

/// "4.5 out of 5 (12 reviews)", or "No reviews yet".
enum RatingText {
    static func summary(rating: Double, reviews: Int) -> String {
        guard reviews > 0 else { return "No reviews yet" }
        let rounded = (rating * 10).rounded() / 10
        return "\(rounded) out of 5 (\(reviews) review\(reviews == 1 ? "" : "s"))"
    }
}

/// "850 m away", "2.4 km away".
enum DistanceText {
    static func format(kilometres: Double) -> String {
        if kilometres < 1 { return "\(Int((kilometres * 1000).rounded())) m away" }
        return "\((kilometres * 10).rounded() / 10) km away"
    }
}
