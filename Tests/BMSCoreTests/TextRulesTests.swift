import Foundation
import Testing

@testable import BMSCore

/// The text checks written on the standard library's Unicode properties (`String+Whitespace`,
/// `TextFolding`) give Foundation's answers.
@Suite("Text rules: trimming, control characters and folding agree with Foundation")
struct TextRulesTests {
    /// Spaces of every width, line breaks, controls, format characters, accents and emoji.
    static let palette: [Unicode.Scalar] = [
        "a", "Z", "7", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{2028}", "\u{2029}",
        "\u{202F}", "\u{3000}", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{9F}", "\u{AD}", "\u{200B}", "\u{200D}", "\u{FEFF}", "é",
        "\u{301}", "न", "\u{94D}", "😀", "\u{FE0F}", "\u{E000}",
    ]

    static func randomText(_ random: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...8, using: &random) { scalars.append(palette.randomElement(using: &random)!) }
        return String(scalars)
    }

    @Test("booking text is trimmed and checked for control characters as Foundation's character sets would (random strings)")
    func textRulesAgreeWithFoundation() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = Self.randomText(&random)
            let multiline = Bool.random(using: &random)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let allowed: (Unicode.Scalar) -> Bool = { multiline && ($0 == "\n" || $0 == "\r" || $0 == "\t") }
            let expected: String? =
                trimmed.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) && !allowed($0) } ? nil : trimmed
            let result = try? ListingRules.text(text, 0...100, multiline: multiline).get()
            #expect(result == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) multiline \(multiline)")
        }
    }

    @Test("white space is what Foundation's .whitespacesAndNewlines holds, for every scalar")
    func whiteSpaceIsFoundationsWhitespacesAndNewlines() {
        #expect(Self.firstDisagreements(\.isWhitespace, .whitespacesAndNewlines) == [])
    }

    @Test("a space is what Foundation's .whitespaces holds, for every scalar")
    func spacesAreFoundationsWhitespaces() {
        #expect(Self.firstDisagreements(\.isSpace, .whitespaces) == [])
    }

    /// The first ten scalars (hex) on which `ours` and Foundation's `set` disagree.
    private static func firstDisagreements(_ ours: @escaping (Unicode.Scalar) -> Bool, _ set: CharacterSet) -> [String] {
        let scalars = (0...0x10FFFF).lazy.compactMap(Unicode.Scalar.init(_:) as (UInt32) -> Unicode.Scalar?)
        return Array(scalars.filter { ours($0) != set.contains($0) }.prefix(10).map { String($0.value, radix: 16) })
    }

    @Test("search parameters are trimmed of spaces as Foundation trims .whitespaces (random strings)")
    func trimmingSpacesAgreesWithFoundation() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = Self.randomText(&random)
            #expect(text.trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("folding ASCII without Foundation gives Foundation's folding (every ASCII byte, random strings)")
    func asciiFoldingAgreesWithFoundation() {
        var random = SystemRandomNumberGenerator()
        let foundation = { (text: String) in
            text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        }
        let every = String(decoding: Array(0...0x7F as ClosedRange<UInt8>), as: UTF8.self)
        #expect(TextFolding.fold(every) == foundation(every))
        for _ in 0..<3_000 {
            let text = String(
                decoding: (0..<Int.random(in: 0...16, using: &random)).map { _ in UInt8.random(in: 0...0x7F, using: &random) }, as: UTF8.self)
            #expect(TextFolding.fold(text) == foundation(text), "\(Array(text.utf8))")
        }
        #expect(TextFolding.fold("Zoë KORAMANGALA Ｂａｎｇａｌｏｒｅ") == "zoe koramangala bangalore")
    }
}
