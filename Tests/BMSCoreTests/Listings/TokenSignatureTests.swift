import Testing

@testable import BMSCore

@Suite("Token signatures: text search refuses cards from the sixteen bytes at their head, never one that matches")
struct TokenSignatureTests {
    /// Tokens over four letters, so that terms often share a token's first bytes without matching it.
    static func word(_ random: inout some RandomNumberGenerator) -> String {
        String((0..<Int.random(in: 1...6, using: &random)).map { _ in "abcd".randomElement(using: &random)! })
    }

    /// A query's terms as search prepares them (the last a prefix).
    static func terms(_ words: [String]) throws -> [SearchFilter.TermKey] {
        SearchFilter(try SearchQuery.parse([("q", words.joined(separator: " "))])).termKeys
    }

    @Test("a card whose tokens match every term always has the terms' bits; most cards that do not are refused")
    func noMatchIsEverRefused() throws {
        var random = SystemRandomNumberGenerator()
        var (matching, refused, notMatching) = (0, 0, 0)
        for _ in 0..<20_000 {
            let tokens = Set((0..<Int.random(in: 0...4, using: &random)).map { _ in Self.word(&random) })
            // Half the terms are a card's token or the beginning of one, so that many cards match.
            let terms = try Self.terms(
                (0..<Int.random(in: 1...3, using: &random)).map { _ in
                    let token = Bool.random(using: &random) ? tokens.randomElement(using: &random) : nil
                    return token.map { String($0.prefix(Int.random(in: 1...$0.count, using: &random))) } ?? Self.word(&random)
                })
            let matches = terms.allSatisfy { term in
                tokens.contains { token in term.isPrefix ? token.utf8.starts(with: term.bytes) : Array(token.utf8) == term.bytes }
            }
            let required = TokenSignature.required(by: terms)
            let admitted = TokenSignature.of(tokens) & required == required
            if matches {
                matching += 1
                #expect(admitted, "tokens \(tokens.sorted()) match terms \(terms.map { String(decoding: $0.bytes, as: UTF8.self) })")
            } else {
                notMatching += 1
                if !admitted { refused += 1 }
            }
        }
        #expect(matching > 1_000 && notMatching > 1_000, "\(matching) matching, \(notMatching) not")
        #expect(refused * 2 > notMatching, "refused \(refused) of \(notMatching) cards that match no term")
    }

    @Test("a prefix shorter than three bytes asks for no bit; an exact word as short does")
    func shortTerms() throws {
        #expect(TokenSignature.required(by: try Self.terms(["fu"])) == 0)
        #expect(TokenSignature.required(by: try Self.terms(["pg", "fu"])) == TokenSignature.bit(of: Array("pg".utf8)))
        #expect(TokenSignature.required(by: try Self.terms(["furn"])) == TokenSignature.bit(of: Array("furnished".utf8)))
    }

    @Test("the bits are part of the stored format: they stay what the text and card indexes were built with")
    func bitsAreFixed() {
        let bits = ["koramangala", "furn", "pg", "a", "é"].map { TokenSignature.bit(of: Array($0.utf8)).trailingZeroBitCount }
        #expect(bits == [Self.fixedBits.0, Self.fixedBits.1, Self.fixedBits.2, Self.fixedBits.3, Self.fixedBits.4])
    }

    static let fixedBits = (72, 98, 126, 86, 75)

    @Test("a card with tokens leads with their signature, and reads its tokens back")
    func cardCarriesTheSignature() async throws {
        let fixture = try ListingsFixture()
        let property = try await fixture.listed(owner: try await fixture.user(), admin: try await fixture.admin())
        let tokens = ["koramangala": 2, "furnished": 1, "sunrise": 3]
        let card = ListingCard(property, rooms: [])
        let bytes = card.withTokens(tokens)
        try bytes.withUnsafeBytes { raw in
            #expect(raw[0] == ListingCard.withTokensFormatVersion)
            #expect(try CardView.tokenSignature(of: raw) == TokenSignature.of(tokens.keys))
            let view = try CardView(raw)
            #expect(view.hasTokens && view.tokenSignature == TokenSignature.of(tokens.keys))
            #expect(Array(view.bytes[..<view.tokensOffset]) == card.bytes)
            var read: [String: Int] = [:]
            try view.forEachToken { weight, token in read[String(decoding: token, as: UTF8.self)] = weight }
            #expect(read == tokens)
        }
        let plain = try card.bytes.withUnsafeBytes { try CardView($0).hasTokens }
        #expect(!plain)
    }
}
