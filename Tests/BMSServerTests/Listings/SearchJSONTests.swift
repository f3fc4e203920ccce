import BMSStore
import Foundation
import Hummingbird
import Testing

@testable import BMSCore
@testable import BMSServer

@Suite("Search answers: the hand-written JSON is the bytes the API's JSONEncoder gives")
struct SearchJSONTests {
    @Test func randomPagesEncodeLikeTheEncoder() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let page = SearchPageResponse(Self.page(&random))
            let encoded = try AppRequestContext.encoder.encode(APIResponse<SearchPageResponse>.Envelope(data: page))
            let written = Array(buffer: try APIResponse<SearchPageResponse>.envelope(writing: page))
            #expect(written == Array(encoded), "\(String(decoding: encoded, as: UTF8.self))\n\(String(decoding: written, as: UTF8.self))")
        }
    }

    @Test func numbersTheEncoderCannotWriteAreRefusedToo() {
        var random = SystemRandomNumberGenerator()
        var hit = Self.hit(&random)
        hit.rating = .nan
        let page = SearchPageResponse(SearchPage(hits: [hit], total: 1, totalIsExact: true, nextCursor: nil, servedBy: "city"))
        #expect(throws: EncodingError.self) { try AppRequestContext.encoder.encode(APIResponse<SearchPageResponse>.Envelope(data: page)) }
        #expect(throws: EncodingError.self) { try APIResponse<SearchPageResponse>.envelope(writing: page) }
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
            id: PropertyID(ObjectID()), name: text(&random), city: text(&random), locality: text(&random),
            coordinates: GeoPoint(latitude: number(&random), longitude: number(&random)),
            propertyType: PropertyType.allCases.randomElement(using: &random)!,
            coverImage: Bool.random(using: &random) ? MediaDigest(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }) : nil,
            minPrice: Money(minorUnits: [Int64.min, .max, -1, 0, .random(in: .min ... .max, using: &random)].randomElement(using: &random)!),
            roomTypes: RoomType.allCases.filter { _ in Bool.random(using: &random) }, rating: number(&random),
            reviewCount: Int.random(in: 0...1_000_000, using: &random), distanceKm: Bool.random(using: &random) ? number(&random) : nil
        )
    }

    /// Strings with what JSON escapes (quotes, backslashes, every control character), slashes and
    /// characters of every UTF-8 length.
    private static func text(_ random: inout some RandomNumberGenerator) -> String {
        let scalars = (0..<Int.random(in: 0...24, using: &random)).map { _ -> Character in
            switch Int.random(in: 0..<4, using: &random) {
            case 0: Character(Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &random)))
            case 1: ["\"", "\\", "/", "\u{7F}"].randomElement(using: &random)!
            case 2: ["é", "ß", "अ", "ಕ", "漢", "\u{2028}", "\u{2029}", "\u{FEFF}"].randomElement(using: &random)!
            default: ["😀", "🏠", "𝄞"].randomElement(using: &random)!
            }
        }
        return String(scalars)
    }

    /// Whole numbers, one-decimal ratings, long fractions and the exponent forms of tiny and huge values.
    private static func number(_ random: inout some RandomNumberGenerator) -> Double {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: Double(Int.random(in: -1_000...1_000, using: &random))
        case 1: (Double.random(in: 0...5, using: &random) * 10).rounded() / 10
        case 2: Double.random(in: -180...180, using: &random)
        case 3: Double.random(in: 0...1, using: &random) * 1e-9
        case 4: Double.random(in: 1...10, using: &random) * 1e21
        default: [0, -0.0, 1e16, 1e-7, 123_456_789.125, .leastNonzeroMagnitude, .greatestFiniteMagnitude].randomElement(using: &random)!
        }
    }
}
