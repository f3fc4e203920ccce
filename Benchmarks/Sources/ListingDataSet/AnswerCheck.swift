import BMSCore
import BMSStore
import Foundation

/// A benchmark of wrong answers measures nothing: before timing, the first searches of each kind are
/// answered again by brute force over the generated listings and must agree with `ListingService` —
/// the same first page (ids, in order) and the same total (or, where search stopped counting, a lower
/// bound of it no smaller than the counting limit).
public struct AnswerCheck {
    /// Public listings (verified, active, with a room): what search may return.
    private let listed: [Listing]
    /// Each listed property's text tokens and their weights, in the order of `listed`.
    private let tokens: [[String: Int]]

    public init(_ listings: [Listing]) {
        listed = listings.filter { $0.property.isPublic && $0.rooms.contains(where: \.isOffered) }
        tokens = listed.map { Self.tokens($0.property) }
    }

    /// Checks every search in `searches` and returns the mean number of matches (by brute force), or throws
    /// naming the first that differs.
    public func check(_ searches: [SearchParameters], with listings: ListingService) throws -> Double {
        var matches = 0
        for parameters in searches {
            let query = try parameters.query()
            let page = try listings.search(query)
            let expected = try expectedAnswer(parameters)
            let found = page.hits.map(\.id)
            let totalAgrees =
                page.totalIsExact ? page.total == expected.count : (listings.totalCountLimit...expected.count).contains(page.total)
            guard totalAgrees, found == Array(expected.prefix(query.limit)) else {
                throw DataSetError(
                    """
                    search \(parameters) (served by \(page.servedBy)) returned total \(page.total), first page \(found.map(\.description)); \
                    brute force: total \(expected.count), first page \(expected.prefix(query.limit).map(\.description))
                    """)
            }
            matches += expected.count
        }
        return Double(matches) / Double(max(1, searches.count))
    }

    /// Every matching property id, in the search's order.
    private func expectedAnswer(_ parameters: SearchParameters) throws -> [PropertyID] {
        let values = Dictionary(parameters.items, uniquingKeysWith: { first, _ in first })
        func offered(_ listing: Listing) -> [Room] { listing.rooms.filter(\.isOffered) }
        func minPrice(_ listing: Listing) -> Int64 { offered(listing).map(\.price.minorUnits).min()! }
        if let city = values["city"] {
            // Q1: city, a room in the price range, every amenity; cheapest first.
            let (low, high) = (Int64(values["priceMin"]!)!, Int64(values["priceMax"]!)!)
            let wanted = AmenitySet(values["amenities"]!.split(separator: ",").map { Amenity(rawValue: String($0))! })
            return
                listed
                .filter { listing in
                    listing.property.address.city == city && listing.property.amenities.contains(all: wanted)
                        && offered(listing).contains { (low...high).contains($0.price.minorUnits) }
                }
                .map { (minPrice($0), $0.property.id) }
                .sorted { $0 < $1 }
                .map(\.1)
        }
        if let lat = values["lat"], let lng = values["lng"] {
            // Q2: within the radius, a room at most priceMax; nearest first.
            let center = GeoPoint(latitude: Double(lat)!, longitude: Double(lng)!)
            let (radius, priceMax) = (Double(values["radius"]!)!, Int64(values["priceMax"]!)!)
            return
                listed
                .compactMap { listing -> (Double, PropertyID)? in
                    let distance = center.distanceKm(to: listing.property.address.coordinates)
                    guard distance <= radius, offered(listing).contains(where: { $0.price.minorUnits <= priceMax }) else { return nil }
                    return (distance, listing.property.id)
                }
                .sorted { $0 < $1 }
                .map(\.1)
        }
        if let text = values["q"] {
            // Q3: every word as a token, the last as a token prefix; by score (name 3, locality and city 2,
            // description 1, the best per word, summed), then rating, best first.
            let terms = Self.words(text)
            return zip(listed, tokens)
                .compactMap { listing, tokens -> (Int, Double, PropertyID)? in
                    var score = 0
                    for (index, term) in terms.enumerated() {
                        let weights = tokens.filter { index == terms.count - 1 ? $0.key.hasPrefix(term) : $0.key == term }.values
                        guard let best = weights.max() else { return nil }
                        score += best
                    }
                    return (-score, -listing.property.rating, listing.property.id)
                }
                .sorted { $0 < $1 }
                .map(\.2)
        }
        throw DataSetError("no brute-force answer for \(parameters)")
    }

    /// The data set is plain ASCII: folding is lower-casing, words are runs of letters and digits.
    private static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    private static func tokens(_ property: Property) -> [String: Int] {
        var weights: [String: Int] = [:]
        for (text, weight) in [(property.description, 1), (property.address.locality, 2), (property.address.city, 2), (property.name, 3)] {
            for word in words(text) { weights[word] = max(weights[word] ?? 0, weight) }
        }
        return weights
    }

    /// Q4: each property must come back with all its rooms.
    public static func checkProperties(_ ids: [Listing], with listings: ListingService) throws {
        for listing in ids {
            guard let details = try listings.property(listing.property.id, viewer: nil) else {
                throw DataSetError("property \(listing.property.id) was not found")
            }
            guard details.rooms.map(\.id) == listing.rooms.map(\.id).sorted(), details.property == listing.property else {
                throw DataSetError("property \(listing.property.id) came back with other values or rooms")
            }
        }
    }
}
