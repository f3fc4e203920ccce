import Foundation
import Testing

@testable import BMSCore
@testable import BMSServer

/// Values that test a hand-written JSON answer against the API's `JSONEncoder`.
enum TrickyJSONValues {
    /// Strings with what JSON escapes (quotes, backslashes, every control character), slashes and
    /// characters of every UTF-8 length.
    static func text(_ random: inout some RandomNumberGenerator, maximumLength: Int = 24) -> String {
        let scalars = (0..<Int.random(in: 0...maximumLength, using: &random)).map { _ -> Character in
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
    static func number(_ random: inout some RandomNumberGenerator) -> Double {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: Double(Int.random(in: -1_000...1_000, using: &random))
        case 1: (Double.random(in: 0...5, using: &random) * 10).rounded() / 10
        case 2: Double.random(in: -180...180, using: &random)
        case 3: Double.random(in: 0...1, using: &random) * 1e-9
        case 4: Double.random(in: 1...10, using: &random) * 1e21
        default: [0, -0.0, 1e16, 1e-7, 123_456_789.125, .leastNonzeroMagnitude, .greatestFiniteMagnitude].randomElement(using: &random)!
        }
    }

    /// Money amounts at Int64's extremes, around zero and anywhere between.
    static func minorUnits(_ random: inout some RandomNumberGenerator) -> Int64 {
        [Int64.min, .max, -1, 0, .random(in: .min ... .max, using: &random)].randomElement(using: &random)!
    }

    /// A photo's digest.
    static func digest(_ random: inout some RandomNumberGenerator) -> MediaDigest {
        MediaDigest(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })!
    }

    /// Checks that `body`'s hand-written envelope is byte for byte what the encoder writes.
    static func expectWrittenLikeEncoded<Body: JSONWritable & Sendable>(
        _ body: Body, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let encoded = try AppRequestContext.encoder.encode(APIResponse<Body>.Envelope(data: body))
        let written = Array(buffer: try APIResponse<Body>.envelope(writing: body))
        #expect(
            written == Array(encoded), "\(String(decoding: encoded, as: UTF8.self))\n\(String(decoding: written, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    /// Checks that `body`'s hand-written envelope refuses what the encoder refuses (NaN, infinities).
    static func expectRefusedLikeEncoded<Body: JSONWritable & Sendable>(_ body: Body, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: EncodingError.self, sourceLocation: sourceLocation) {
            try AppRequestContext.encoder.encode(APIResponse<Body>.Envelope(data: body))
        }
        #expect(throws: EncodingError.self, sourceLocation: sourceLocation) { try APIResponse<Body>.envelope(writing: body) }
    }
}
