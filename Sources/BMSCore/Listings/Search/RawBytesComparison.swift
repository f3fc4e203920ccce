import Foundation

/// Byte comparisons for the search loop, which tests a city and text tokens on every candidate's card:
/// `memcmp` where the generic `elementsEqual` and `starts(with:)` step through iterators byte by byte.
extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly `other`.
    func equals(_ other: [UInt8]) -> Bool {
        count == other.count && hasPrefix(other)
    }

    /// Whether these bytes begin with `prefix`.
    func hasPrefix(_ prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        guard let base = baseAddress, !prefix.isEmpty else { return true }
        return prefix.withUnsafeBytes { memcmp(base, $0.baseAddress!, prefix.count) == 0 }
    }
}
