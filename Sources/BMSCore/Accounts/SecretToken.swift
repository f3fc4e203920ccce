import Crypto

/// An opaque bearer secret (refresh token, e-mail link): 32 random bytes, base64url without padding.
/// Only its SHA-256 is stored, so a copy of the data file does not hand out working tokens.
struct SecretToken {
    /// What the holder presents; shown once.
    let text: String

    /// A fresh random token.
    init() {
        text = Base64URL.encode(RandomBytes.make(count: 32))
    }

    /// What is stored and looked up.
    var hash: [UInt8] { Self.hash(of: text) }

    /// The stored form of a presented token, or nil when it cannot be one of ours (wrong length or
    /// alphabet), which spares a look-up for junk.
    static func storedHash(ofPresented text: String) -> [UInt8]? {
        guard text.utf8.count == 43,
            text.utf8.allSatisfy({ byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            })
        else { return nil }
        return hash(of: text)
    }

    private static func hash(of text: String) -> [UInt8] { Array(SHA256.hash(data: Array(text.utf8))) }
}
