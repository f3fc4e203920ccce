import BMSStore
import Crypto
import Foundation

/// Names content by its bytes: the SHA-256 digest in lowercase hex, used for strong asset ETags.
enum ContentDigest {
    static func sha256Hex(_ bytes: some DataProtocol) -> String {
        Hex.string(SHA256.hash(data: bytes))
    }
}
