import BMSCore
import BMSStore
import Foundation

/// One search, as the query parameters of `GET /api/properties` (and `SearchQuery.parse` in process).
public struct SearchParameters: Sendable, CustomStringConvertible {
    public var items: [(name: String, value: String)]

    public init(_ items: [(name: String, value: String)]) { self.items = items }

    /// `city=Pune&priceMin=…`, each value percent-encoded.
    public var queryString: String {
        items.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: Self.allowed)!)" }.joined(separator: "&")
    }

    /// The request target: `/api/properties?…`.
    public var path: String { "/api/properties?\(queryString)" }

    public var description: String { queryString }

    public func query() throws -> SearchQuery { try SearchQuery.parse(items) }

    /// Unreserved characters and the comma that separates amenities.
    private static let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~,")
}

/// peer-bench's query parameters (common.py `params()`), drawn from our seeded generator: Q1–Q3 as
/// searches, Q4 as property ids. Each kind has its own stream, so adding queries of one kind does not
/// change another's.
public enum PeerQueries {
    /// Q1: a city, a room price range (low Rs 4,000–15,000, high low + Rs 2,000–8,000) and two distinct
    /// amenities; cheapest first (by the property's lowest room price), first page of 20.
    public static func q1(count: Int, seed: UInt64 = 42) -> [SearchParameters] {
        var random = SplitMix64(stream: "Q1", seed: seed)
        return (0..<count).map { _ in
            let city = random.choice(PeerVocabulary.cities)
            let low = random.int(8, 30) * 50_000
            let high = low + random.int(4, 16) * 50_000
            let amenities = random.sample(PeerVocabulary.amenities.map(\.name), 2).sorted()
            return SearchParameters([
                ("city", city.name), ("priceMin", "\(low)"), ("priceMax", "\(high)"), ("amenities", amenities.joined(separator: ",")),
                ("sort", "price"),
            ])
        }
    }

    /// Q2: a point ~N(city centre, 3 km), within 5 km, a price cap of Rs 5,000–15,000; nearest first.
    public static func q2(count: Int, seed: UInt64 = 42) -> [SearchParameters] {
        var random = SplitMix64(stream: "Q2", seed: seed)
        return (0..<count).map { _ in
            let city = random.choice(PeerVocabulary.cities)
            let latitude = city.latitude + random.gaussian(sigma: 3) / PeerVocabulary.kmPerDegreeLatitude
            let longitude = city.longitude + random.gaussian(sigma: 3) / (PeerVocabulary.kmPerDegreeLatitude * cos(city.latitude * .pi / 180))
            let priceMax = random.int(10, 30) * 50_000
            return SearchParameters([
                ("lat", "\((latitude * 1e6).rounded() / 1e6)"), ("lng", "\((longitude * 1e6).rounded() / 1e6)"), ("radius", "5"),
                ("priceMax", "\(priceMax)"), ("sort", "distance"),
            ])
        }
    }

    /// Q3: the first word of a locality and a prefix of a description word ("koramangala furn").
    public static func q3(count: Int, seed: UInt64 = 42) -> [SearchParameters] {
        var random = SplitMix64(stream: "Q3", seed: seed)
        return (0..<count).map { _ in
            let city = random.choice(PeerVocabulary.cities)
            let word = random.choice(city.localities).split(separator: " ")[0].lowercased()
            return SearchParameters([("q", "\(word) \(random.choice(PeerVocabulary.prefixes))")])
        }
    }

    /// Q4: positions of properties in the data set, uniformly, redrawn until the property is verified
    /// (the public sees only those; common.py draws among all).
    public static func q4(count: Int, seed: UInt64 = 42, verified: [Bool]) -> [Int] {
        var random = SplitMix64(stream: "Q4", seed: seed)
        precondition(verified.contains(true), "no verified property to draw from")
        return (0..<count).map { _ in
            while true {
                let position = random.index(verified.count)
                if verified[position] { return position }
            }
        }
    }
}
