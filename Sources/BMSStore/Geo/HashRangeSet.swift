/// Sorted, disjoint, non-adjacent ranges of geohash values: what a query scans, one cursor seek per range.
struct HashRangeSet: Equatable {
    private(set) var ranges: [ClosedRange<UInt64>] = []

    init() {}

    /// The union of `ranges`, in any order, overlapping or not.
    init(merging ranges: [ClosedRange<UInt64>]) {
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = self.ranges.last, last.upperBound == .max || range.lowerBound <= last.upperBound + 1 {
                self.ranges[self.ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                self.ranges.append(range)
            }
        }
    }

    mutating func formUnion(_ other: HashRangeSet) {
        self = HashRangeSet(merging: ranges + other.ranges)
    }

    /// The parts of these ranges that `other` does not hold, so that a widening search scans each cell once.
    func subtracting(_ other: HashRangeSet) -> [ClosedRange<UInt64>] {
        var out: [ClosedRange<UInt64>] = []
        var first = 0
        for range in ranges {
            while first < other.ranges.count, other.ranges[first].upperBound < range.lowerBound { first += 1 }
            var lower = range.lowerBound
            var position = first
            var exhausted = false
            while !exhausted, position < other.ranges.count, other.ranges[position].lowerBound <= range.upperBound {
                let removed = other.ranges[position]
                if removed.lowerBound > lower { out.append(lower...(removed.lowerBound - 1)) }
                if removed.upperBound >= range.upperBound { exhausted = true } else { lower = removed.upperBound + 1 }
                position += 1
            }
            if !exhausted { out.append(lower...range.upperBound) }
        }
        return out
    }
}
