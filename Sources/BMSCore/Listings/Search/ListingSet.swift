/// A set of listing numbers, one bit each.
struct ListingSet {
    private var words: [UInt64]

    init(capacity: Int) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    /// Inserts each of `numbers`, checking once, not per number, that the words are this set's own.
    mutating func insert(contentsOf numbers: [Int32]) {
        words.withUnsafeMutableBufferPointer { words in
            for number in numbers.lazy.map(Int.init) { words[number >> 6] |= 1 << UInt64(number & 63) }
        }
    }

    func contains(_ number: Int) -> Bool {
        words[number >> 6] & (1 << UInt64(number & 63)) != 0
    }

    mutating func formIntersection(_ other: ListingSet) {
        for index in words.indices { words[index] &= other.words[index] }
    }

    /// The numbers in the set, ascending.
    var members: [Int32] {
        var out: [Int32] = []
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                out.append(Int32(index * 64 + rest.trailingZeroBitCount))
                rest &= rest - 1
            }
        }
        return out
    }
}
