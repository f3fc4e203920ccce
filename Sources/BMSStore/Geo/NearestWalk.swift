import Foundation

/// A nearest-first walk over the points of a `GeoEntries`: visit cells outward from the centre, nearest
/// first, handing out each point once no unread cell can hold a nearer one.
///
/// A best-first walk down the geohash quadtree, like an R-tree's incremental nearest-neighbour search. A
/// queue holds cells by the least distance any of their points can have from the centre, and the points
/// read so far by their own distance. The nearest cell is split in two while it is large compared with
/// that distance; otherwise it is read, and its points within the radius join the queue; a cell with
/// more than `GeoIndex.entriesPerRead` entries is read that far only, the parts read whole keep their points and
/// the rest is split. A point comes out of the queue only when every cell left lies farther (a cell at the
/// same distance goes first, as it may hold a point there with a smaller id), so points come out in order,
/// and a caller that stops after a few reads only the cells around them: few, small cells in a city,
/// large, sparse ones far from it.
struct NearestWalk<Entries: GeoEntries & ~Copyable> {
    typealias Entry = Entries.Entry

    private let distances: Haversine.DistanceFrom
    private let radiusKm: Double
    private var queue = MinHeap<WalkStep<Entry>>()
    /// The admitted points within the radius among the entries read of the current cell, with their hashes.
    private var read: [(hit: GeoHit, entry: Entry, hash: UInt64)] = []
    /// The hash of the last entry read, the greatest so far: a cell's entries come in hash order.
    private var lastHashRead: UInt64 = 0

    /// Visits the points of `entries` within `radiusKm` of `center`, nearest first (ties by id), each with
    /// its entry, until `body` returns `.stop`; after `.anyOrder`, the rest in any order (`visitRest`).
    /// Points whose entry `admits` refuses are passed over as they are read, before their distance is even
    /// measured: a filter on the entry costs less than the trigonometry and the queue it spares.
    /// - Throws: `StoreError.invalidCoordinates` for an invalid centre, `StoreError.invalidGeoQuery` for a
    ///   negative or NaN radius; what `entries`, `admits` and `body` throw.
    static func visit(
        _ entries: borrowing Entries, within radiusKm: Double, of center: GeoPoint, admitting admits: (Entry) throws -> Bool,
        _ body: (GeoHit, Entry) throws -> VisitNext
    ) throws {
        let center = try center.validated()
        guard radiusKm >= 0 else { throw StoreError.invalidGeoQuery("the radius must be 0 km or more, not \(radiusKm)") }
        var walk = NearestWalk(distances: Haversine.DistanceFrom(center), radiusKm: radiusKm)
        walk.queue.push(WalkStep(distanceKm: 0, item: .cell(.world)))
        while let step = walk.queue.popMin() {
            let cell: GeoCell
            switch step.item {
            case .point(let hit, let entry):
                switch try body(hit, entry) {
                case .inOrder: continue
                case .anyOrder: return try walk.visitRest(entries, admitting: admits, body)
                case .stop: return
                }
            case .cell(let next): cell = next
            }
            if walk.splits(cell, at: step.distanceKm) { continue }
            let distances = walk.distances
            walk.read.removeAll(keepingCapacity: true)
            let canSplit = cell.precision < 64
            var (entriesRead, unread): (Int, UInt64?) = (0, nil)
            try entries.forEachEntry(in: cell.hashes) { hash, point, key, entry in
                if canSplit, entriesRead == GeoIndex.entriesPerRead {
                    unread = hash
                    return false
                }
                entriesRead += 1
                walk.lastHashRead = hash
                guard try admits(entry), let hit = try hit(entries, point, key, from: distances, within: radiusKm) else { return true }
                walk.read.append((hit, entry, hash))
                return true
            }
            if let unread {
                walk.resume(cell, before: unread)
            } else {
                walk.queueRead(in: cell.hashes)
            }
        }
    }

    private init(distances: Haversine.DistanceFrom, radiusKm: Double) {
        self.distances = distances
        self.radiusKm = radiusKm
    }

    /// After `.anyOrder`: hands out the points queued, then reads the cells queued, in no order, handing out
    /// each point as it is read, until `body` returns `.stop`. A cell is split as the ordered walk would, so
    /// that a large cell at the circle's edge is not read whole.
    private mutating func visitRest(
        _ entries: borrowing Entries, admitting admits: (Entry) throws -> Bool, _ body: (GeoHit, Entry) throws -> VisitNext
    ) throws {
        for step in queue.removeAll() {
            switch step.item {
            case .point(let hit, let entry): guard try body(hit, entry) != .stop else { return }
            case .cell(let cell): queue.push(WalkStep(distanceKm: step.distanceKm, item: .cell(cell)))
            }
        }
        while let step = queue.popMin() {
            guard case .cell(let cell) = step.item, !splits(cell, at: step.distanceKm) else { continue }
            var stopped = false
            try entries.forEachEntry(in: cell.hashes) { [distances, radiusKm] _, point, key, entry in
                guard try admits(entry), let hit = try Self.hit(entries, point, key, from: distances, within: radiusKm) else { return true }
                stopped = try body(hit, entry) == .stop
                return !stopped
            }
            if stopped { return }
        }
    }

    /// The hit for a point read, nil when it lies beyond the radius. Static, so that a closure reading
    /// entries calls it without copying the walk (its queue and buffer) to call a method.
    @inline(__always)
    private static func hit(
        _ entries: borrowing Entries, _ point: GeoPoint, _ key: Entries.Key, from distances: Haversine.DistanceFrom, within radiusKm: Double
    ) throws -> GeoHit? {
        let distance = distances.distanceKm(latitude: point.latitude, longitude: point.longitude)
        return distance <= radiusKm ? GeoHit(id: try entries.id(at: key), point: point, distanceKm: distance) : nil
    }

    /// Splits `cell`, `distanceKm` from the centre, into its halves when it is large compared with that
    /// distance; returns whether it did.
    private mutating func splits(_ cell: GeoCell, at distanceKm: Double) -> Bool {
        guard cell.precision < 64, !cell.isPolarSliver, cell.spanKm > max(2 * distanceKm, GeoIndex.smallestUnreadCellKm) else {
            return false
        }
        split(cell)
        return true
    }

    private mutating func enqueue(_ cell: GeoCell) {
        let distance = cell.box.minimumDistanceKm(from: distances)
        if distance <= radiusKm { queue.push(WalkStep(distanceKm: distance, item: .cell(cell))) }
    }

    private mutating func split(_ cell: GeoCell) {
        let (first, second) = cell.halves
        enqueue(first)
        enqueue(second)
    }

    /// Queues the points read whose hashes lie in `hashes`.
    private mutating func queueRead(in hashes: ClosedRange<UInt64>) {
        for (hit, entry, hash) in read where hashes.contains(hash) {
            queue.push(WalkStep(distanceKm: hit.distanceKm, item: .point(hit, entry)))
        }
    }

    /// For a cell with more than `GeoIndex.entriesPerRead` entries, read up to `unread`, the first hash not read
    /// whole (every entry below it was): rather than split it and read its first entries again, halve it
    /// down towards `unread`. A half wholly below is done, and its points are queued; one wholly above is
    /// queued as a cell; the half holding `unread` is halved again while it holds entries read (so at
    /// least once, and down to that one hash when all it read shares it), then queued. The half holds
    /// `unread`, which no hash read exceeds, so it holds entries read when it holds the last.
    private mutating func resume(_ cell: GeoCell, before unread: UInt64) {
        var rest = cell
        while rest.precision < 64, lastHashRead >= rest.hashes.lowerBound {
            let (first, second) = rest.halves
            if unread > first.hashes.upperBound {
                queueRead(in: first.hashes)
                rest = second
            } else {
                enqueue(second)
                rest = first
            }
        }
        enqueue(rest)
    }
}

/// A cell or a point waiting in the walk's queue: nearest first; at one distance cells before points, and
/// points by id.
private struct WalkStep<Entry>: Comparable {
    enum Item {
        case cell(GeoCell)
        case point(GeoHit, Entry)
    }

    let distanceKm: Double
    let item: Item

    static func < (lhs: WalkStep, rhs: WalkStep) -> Bool {
        if lhs.distanceKm != rhs.distanceKm { return lhs.distanceKm < rhs.distanceKm }
        switch (lhs.item, rhs.item) {
        case (.cell, .point): return true
        case (.point(let left, _), .point(let right, _)): return left.id < right.id
        case (.cell, .cell), (.point, .cell): return false
        }
    }

    static func == (lhs: WalkStep, rhs: WalkStep) -> Bool { !(lhs < rhs) && !(rhs < lhs) }
}

extension GeoCell {
    /// About how far across the cell is: twice its height, which is at least its width, in kilometres.
    fileprivate var spanKm: Double {
        let box = self.box
        return 2 * Haversine.radians(box.north - box.south) * Haversine.earthRadiusKm
    }

    /// Whether the cell reaches a pole and is narrower than tall. Every column meets at a pole, so splitting
    /// such a cell by longitude brings none of its halves farther from a centre near the pole: it is read,
    /// and split only if it holds too many entries.
    fileprivate var isPolarSliver: Bool {
        let box = self.box
        guard box.north == 90 || box.south == -90 else { return false }
        let widestLatitude = box.south <= 0 && box.north >= 0 ? 0 : min(abs(box.south), abs(box.north))
        return (box.east - box.west) * cos(Haversine.radians(widestLatitude)) < box.north - box.south
    }
}
