import Foundation

/// Nearest-first search: visit cells outward from the centre, nearest first, handing out each point once no
/// unread cell can hold a nearer one.
extension GeoIndex {
    /// A cell is read whole only if it holds at most this many entries; a fuller one is read this far and
    /// the rest of it split (`NearestWalk.resume`).
    static let entriesPerRead = 64
    /// Cells around the centre are split unread down to about this size (km): in a city, a few dozen hotels.
    static let smallestUnreadCellKm = 4.0

    /// Visits the points within `radiusKm` of `center`, nearest first (ties by id), each with the cover
    /// stored beside it (empty without one), until `body` returns false. Points whose cover `admits`
    /// refuses are passed over as they are read, before their distance is even measured: a filter on the
    /// cover costs less than the trigonometry and the queue it spares.
    ///
    /// A best-first walk down the geohash quadtree, like an R-tree's incremental nearest-neighbour search. A
    /// queue holds cells by the least distance any of their points can have from the centre, and the points
    /// read so far by their own distance. The nearest cell is split in two while it is large compared with
    /// that distance; otherwise it is read, and its points within the radius join the queue; a cell with
    /// more than `entriesPerRead` entries is read that far only, the parts read whole keep their points and
    /// the rest is split. A point comes out of the queue only when every
    /// cell left lies farther (a cell at the same distance goes first, as it may hold a point there with a
    /// smaller id), so points come out in order, and a caller that stops after a few reads only the cells
    /// around them: few, small cells in a city, large, sparse ones far from it.
    ///
    /// A queued point keeps its cover as LMDB's own bytes, which stay valid until the transaction ends or
    /// writes (LMDB hands out pages that no later read moves), so `body` must not write in `txn`.
    /// - Throws: as `within`.
    public func forEachNearest(
        _ txn: some Transaction, within radiusKm: Double, of center: GeoPoint,
        admitting admits: (_ cover: UnsafeRawBufferPointer) throws -> Bool = { _ in true },
        _ body: (GeoHit, _ cover: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        let center = try center.validated()
        guard radiusKm >= 0 else { throw StoreError.invalidGeoQuery("the radius must be 0 km or more, not \(radiusKm)") }
        let cursor = try GeoCellCursor(txn, cells)
        var walk = NearestWalk(distances: Haversine.DistanceFrom(center), radiusKm: radiusKm)
        walk.queue.push(WalkStep(distanceKm: 0, item: .cell(.world)))
        while let step = walk.queue.popMin() {
            let cell: GeoCell
            switch step.item {
            case .point(let hit, let cover):
                guard try body(hit, cover) else { return }
                continue
            case .cell(let next): cell = next
            }
            let canSplit = cell.precision < 64
            if canSplit, !cell.isPolarSliver, cell.spanKm > max(2 * step.distanceKm, Self.smallestUnreadCellKm) {
                walk.split(cell)
                continue
            }
            walk.read.removeAll(keepingCapacity: true)
            var (entriesRead, unread): (Int, UInt64?) = (0, nil)
            try cursor.forEach(in: cell.hashes) { key, value in
                let hash = GeoCellKey.hashPrefix(key)
                if canSplit, entriesRead == Self.entriesPerRead {
                    unread = hash
                    return false
                }
                entriesRead += 1
                walk.lastHashRead = hash
                guard let (point, cover) = StoredPoint.decodeCell(value) else { throw corruptValue(value) }
                guard try admits(cover) else { return true }
                let distance = walk.distances.distanceKm(latitude: point.latitude, longitude: point.longitude)
                if distance <= radiusKm { walk.read.append((GeoHit(id: try cellID(key), point: point, distanceKm: distance), cover, hash)) }
                return true
            }
            if let unread {
                walk.resume(cell, before: unread)
            } else {
                walk.queueRead(in: cell.hashes)
            }
        }
    }

    /// The `limit` nearest points within `radiusKm`, nearest first (ties by id).
    func nearestFirst(_ txn: some Transaction, _ limit: Int, within radiusKm: Double, of center: GeoPoint) throws -> [GeoHit] {
        var hits: [GeoHit] = []
        try forEachNearest(txn, within: radiusKm, of: center) { hit, _ in
            hits.append(hit)
            return hits.count < limit
        }
        return hits
    }
}

/// One nearest-first walk's queue, and what it has read of the cell it reads.
private struct NearestWalk {
    let distances: Haversine.DistanceFrom
    let radiusKm: Double
    var queue = MinHeap<WalkStep>()
    /// The admitted points within the radius among the entries read of the current cell, with their hashes.
    var read: [(hit: GeoHit, cover: UnsafeRawBufferPointer, hash: UInt64)] = []
    /// The hash of the last entry read, the greatest so far: a cell's entries come in hash order.
    var lastHashRead: UInt64 = 0

    init(distances: Haversine.DistanceFrom, radiusKm: Double) {
        self.distances = distances
        self.radiusKm = radiusKm
    }

    mutating func enqueue(_ cell: GeoCell) {
        let distance = cell.box.minimumDistanceKm(from: distances)
        if distance <= radiusKm { queue.push(WalkStep(distanceKm: distance, item: .cell(cell))) }
    }

    mutating func split(_ cell: GeoCell) {
        let (first, second) = cell.halves
        enqueue(first)
        enqueue(second)
    }

    /// Queues the points read whose hashes lie in `hashes`.
    mutating func queueRead(in hashes: ClosedRange<UInt64>) {
        for (hit, cover, hash) in read where hashes.contains(hash) {
            queue.push(WalkStep(distanceKm: hit.distanceKm, item: .point(hit, cover: cover)))
        }
    }

    /// For a cell with more than `entriesPerRead` entries, read up to `unread`, the first hash not read
    /// whole (every entry below it was): rather than split it and read its first entries again, halve it
    /// down towards `unread`. A half wholly below is done, and its points are queued; one wholly above is
    /// queued as a cell; the half holding `unread` is halved again while it holds entries read (so at
    /// least once, and down to that one hash when all it read shares it), then queued. The half holds
    /// `unread`, which no hash read exceeds, so it holds entries read when it holds the last.
    mutating func resume(_ cell: GeoCell, before unread: UInt64) {
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
private struct WalkStep: Comparable {
    enum Item {
        case cell(GeoCell)
        case point(GeoHit, cover: UnsafeRawBufferPointer)
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
