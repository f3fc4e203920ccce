import Foundation
import Testing

@testable import BMSCore

@Suite("Base64url: the alphabet of RFC 4648 §5, without padding")
struct Base64URLTests {
    @Test func encodesLikeFoundationsBase64WithTheURLAlphabetAndNoPadding() {
        var random = SystemRandomNumberGenerator()
        for count in Array(0...9) + (0..<200).map({ _ in Int.random(in: 10...64, using: &random) }) {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected, "\(bytes)")
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }
}
