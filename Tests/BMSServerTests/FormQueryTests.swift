import Foundation
import Testing

@testable import BMSServer

@Suite("Query strings: decoded like Foundation's percent decoding, with + as a space")
struct FormQueryTests {
    /// What `FormQuery` did with Foundation, the reference for the byte-by-byte decoding.
    private static func foundationDecode(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    private static func decode(_ text: String) -> String {
        var text = text
        return text.withUTF8 { FormQuery.decode($0[...]) }
    }

    /// Escapes that spell UTF-8 and malformed ones; escaped bytes that are not UTF-8 are below.
    @Test func randomTextDecodesLikeFoundation() {
        let pieces = ["a", "Z", "+", "%", "2", "B", "f", "%2B", "%2b", "%20", "%e2%82%ac", "%C3%A9", "%zz", "%0", "%00", "%7E", "é", "€", "/", "="]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Self.decode(text) == Self.foundationDecode(text), "\(text)")
        }
    }

    /// Foundation keeps some such text as written and repairs other; here all of it is kept.
    @Test func escapedBytesThatAreNotUTF8AreKeptAsWritten() {
        #expect(Self.decode("caf%C3") == "caf%C3")
        #expect(Self.decode("%A9+x") == "%A9 x")
        #expect(Self.decode("%C3%A9+%FF") == "%C3%A9 %FF")
    }

    @Test func pairsKeepTheirOrderAndRepeats() {
        let items = FormQuery.items("city=New+Delhi&amenities=wifi&amenities=gym&q=caf%C3%A9%2Bbar&empty=&bare")
        #expect(items.map(\.name) == ["city", "amenities", "amenities", "q", "empty", "bare"])
        #expect(items.map(\.value) == ["New Delhi", "wifi", "gym", "café+bar", "", ""])
        #expect(FormQuery.items("a=1&&=x&b==2&").map { "\($0.name):\($0.value)" } == ["a:1", ":x", "b:=2"])
        #expect(FormQuery.items("").isEmpty && FormQuery.items(nil).isEmpty)
    }
}
