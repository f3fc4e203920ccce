import BMSStore
import Foundation
import Testing

@testable import BMSCore
@testable import BMSServer

@Suite("Search answers: the hand-written JSON is the bytes the API's JSONEncoder gives")
struct SearchJSONTests {
    @Test func randomPagesEncodeLikeTheEncoder() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            try TrickyJSONValues.expectWrittenLikeEncoded(SearchPageResponse(Self.page(&random)))
        }
    }

    @Test func numbersTheEncoderCannotWriteAreRefusedToo() {
        var random = SystemRandomNumberGenerator()
        var hit = Self.hit(&random)
        hit.rating = .nan
        TrickyJSONValues.expectRefusedLikeEncoded(
            SearchPageResponse(SearchPage(hits: [hit], total: 1, totalIsExact: true, nextCursor: nil, servedBy: "city")))
    }

    private static func page(_ random: inout some RandomNumberGenerator) -> SearchPage {
        let hits = (0..<Int.random(in: 0...20, using: &random)).map { _ in hit(&random) }
        let cursor = Bool.random(using: &random) ? SearchCursor(sortName: "price", key: SortKey(primary: 1, secondary: 0, id: ObjectID())) : nil
        return SearchPage(
            hits: hits, total: Int.random(in: 0...100_000, using: &random), totalIsExact: Bool.random(using: &random), nextCursor: cursor,
            servedBy: "city")
    }

    private static func hit(_ random: inout some RandomNumberGenerator) -> SearchHit {
        SearchHit(
            id: PropertyID(ObjectID()), name: TrickyJSONValues.text(&random), city: TrickyJSONValues.text(&random),
            locality: TrickyJSONValues.text(&random),
            coordinates: GeoPoint(latitude: TrickyJSONValues.number(&random), longitude: TrickyJSONValues.number(&random)),
            propertyType: PropertyType.allCases.randomElement(using: &random)!,
            coverImage: Bool.random(using: &random) ? TrickyJSONValues.digest(&random) : nil,
            minPrice: Money(minorUnits: TrickyJSONValues.minorUnits(&random)),
            roomTypes: RoomType.allCases.filter { _ in Bool.random(using: &random) }, rating: TrickyJSONValues.number(&random),
            reviewCount: Int.random(in: 0...1_000_000, using: &random),
            distanceKm: Bool.random(using: &random) ? TrickyJSONValues.number(&random) : nil
        )
    }
}
