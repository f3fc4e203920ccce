/// Byte comparisons for the search loop, which tests a city and text tokens on every candidate's card: an
/// indexed loop over the raw bytes, where the generic `elementsEqual` and `starts(with:)` step through
/// iterators byte by byte.
extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly `other`.
    func equals(_ other: [UInt8]) -> Bool {
        count == other.count && hasPrefix(other)
    }

    /// Whether these bytes begin with `prefix`. Words and city names are a dozen bytes or so, for which the
    /// loop costs less than a call to `memcmp` (a twentieth of a text search went to that call).
    func hasPrefix(_ prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        return prefix.withUnsafeBufferPointer { prefix in
            for index in prefix.indices where self[index] != prefix[index] { return false }
            return true
        }
    }
}
