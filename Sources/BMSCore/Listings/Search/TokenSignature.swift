/// A 128-bit summary of a property's text tokens, stored at the head of its text-bearing search cards,
/// that lets text search turn most candidates away without reading their tokens.
///
/// Each token sets one bit, chosen by its first three bytes (all of them when shorter). A token equal to
/// a term, or beginning with a term of three bytes or more, begins with the same three bytes and so sets
/// the term's bit: a card without every such term's bit cannot match, and is refused from eight bytes
/// instead of its dozen tokens. (A shorter prefix, "fu", says nothing about a token's third byte and is
/// left to the tokens.) A dozen tokens set about a tenth of the bits, so about nine in ten cards that
/// lack a term are refused this way; the rest are read as before. (With 64 bits, a fifth of those cards got
/// through, and checking their tokens was an eighth of a text search.)
///
/// The bits are stored: `bit(of:)` must never change without rebuilding the text and card indexes.
enum TokenSignature {
    /// How many leading bytes choose a token's bit.
    static let keyLength = 3

    /// The signature of a card's tokens.
    static func of(_ tokens: some Sequence<String>) -> UInt128 {
        tokens.reduce(0) { signature, token in signature | bit(of: Array(token.utf8)) }
    }

    /// The bits a card must have to match every one of `terms`.
    static func required(by terms: [SearchFilter.TermKey]) -> UInt128 {
        terms.reduce(0) { required, term in
            term.isPrefix && term.bytes.count < keyLength ? required : required | bit(of: term.bytes)
        }
    }

    /// A token's or term's bit: its first `keyLength` bytes and their count, mixed by a fixed
    /// multiplication (Fibonacci hashing: the top seven bits of the product), the same in every process.
    static func bit(of bytes: [UInt8]) -> UInt128 {
        var key = UInt64(min(bytes.count, keyLength)) << 24
        for (index, byte) in bytes.prefix(keyLength).enumerated() { key |= UInt64(byte) << (8 * index) }
        return 1 << ((key &* 0x9E37_79B9_7F4A_7C15) >> 57)
    }
}
