/// The `limit` nearest hits seen so far, ordered by (distance, id): a bounded max-heap, so that a widening
/// search keeps only what can still be in the answer and knows how far its answer reaches.
struct NearestHits {
    let limit: Int
    /// A max-heap: the farthest kept hit is first.
    private var heap: [GeoHit] = []

    init(limit: Int) {
        self.limit = limit
        heap.reserveCapacity(min(limit, 1024))
    }

    /// The distance of the farthest kept hit once `limit` are kept: the answer lies within it.
    var boundKm: Double? { heap.count == limit ? heap[0].distanceKm : nil }

    /// Whether a hit at `distanceKm` may be among the nearest, before paying for its id.
    @inline(__always)
    func admits(_ distanceKm: Double) -> Bool { heap.count < limit || distanceKm <= heap[0].distanceKm }

    /// How many kept hits lie within `distanceKm`.
    func count(within distanceKm: Double) -> Int { heap.count { $0.distanceKm <= distanceKm } }

    mutating func insert(_ hit: GeoHit) {
        if heap.count < limit {
            heap.append(hit)
            siftUp(heap.count - 1)
        } else if nearer(hit, heap[0]) {
            heap[0] = hit
            siftDown(0)
        }
    }

    /// The kept hits, nearest first.
    func sorted() -> [GeoHit] { heap.sorted(by: nearer) }

    private func nearer(_ a: GeoHit, _ b: GeoHit) -> Bool { (a.distanceKm, a.id) < (b.distanceKm, b.id) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard nearer(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var farthest = parent
            if left < heap.count, nearer(heap[farthest], heap[left]) { farthest = left }
            if right < heap.count, nearer(heap[farthest], heap[right]) { farthest = right }
            if farthest == parent { return }
            heap.swapAt(parent, farthest)
            parent = farthest
        }
    }
}
