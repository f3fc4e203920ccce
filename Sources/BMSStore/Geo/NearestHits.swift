/// The `limit` nearest hits seen so far, ordered by (distance, id): a bounded heap with the farthest kept hit
/// on top, so that a search keeps only what can still be in the answer and knows how far the answer reaches.
struct NearestHits {
    let limit: Int
    private var heap = MinHeap<FarthestFirst>()

    init(limit: Int) {
        self.limit = limit
    }

    /// The distance of the farthest kept hit once `limit` are kept: the answer lies within it.
    var boundKm: Double? { heap.count == limit ? heap.min?.hit.distanceKm : nil }

    /// Whether a hit at `distanceKm` may be among the nearest, checked before paying for its id.
    @inline(__always)
    func admits(_ distanceKm: Double) -> Bool {
        guard let boundKm else { return true }
        return distanceKm <= boundKm
    }

    mutating func insert(_ hit: GeoHit) {
        let candidate = FarthestFirst(hit: hit)
        if heap.count < limit {
            heap.push(candidate)
        } else if let farthest = heap.min, farthest < candidate {
            // The farthest kept is farther than the candidate (or as far with a greater id): swap them.
            heap.replaceMin(with: candidate)
        }
    }

    /// The kept hits, nearest first.
    func sorted() -> [GeoHit] { heap.elements.sorted { $1 < $0 }.map(\.hit) }

    /// Orders hits farthest first, so that the min-heap's top is the hit to give up first.
    private struct FarthestFirst: Comparable {
        let hit: GeoHit
        static func < (lhs: FarthestFirst, rhs: FarthestFirst) -> Bool {
            (lhs.hit.distanceKm, lhs.hit.id) > (rhs.hit.distanceKm, rhs.hit.id)
        }
        static func == (lhs: FarthestFirst, rhs: FarthestFirst) -> Bool { lhs.hit == rhs.hit }
    }
}
