import Foundation

/// Nearest-k search: visit cells outward from the centre, nearest first, and stop once the k-th nearest point
/// found is closer than any cell not yet visited.
extension GeoIndex {
    /// A cell is read whole only if it holds at most this many entries; a fuller one is split instead.
    static let entriesPerRead = 64
    /// Cells around the centre are split unread down to about this size (km): in a city, a few dozen hotels.
    static let smallestUnreadCellKm = 4.0

    /// The `limit` nearest points within `radiusKm`, nearest first (ties by id).
    ///
    /// A best-first walk down the geohash quadtree, like an R-tree's nearest-neighbour search. A queue holds
    /// cells by the least distance any of their points can have from the centre. The nearest cell is split in
    /// two while it is large compared with that distance; otherwise it is read, and split after all if it holds
    /// more than `entriesPerRead` entries. Each point read is filtered by its exact distance and kept if among
    /// the `limit` nearest so far. Once `limit` are kept and the nearest cell left lies beyond the farthest of
    /// them, no unread point can take its place. Growing outwards, the walk reads few, small cells in a city
    /// and large, sparse ones far from it, rather than every point of a circle.
    func nearestFirst(_ txn: some Transaction, _ limit: Int, within radiusKm: Double, of center: GeoPoint) throws -> [GeoHit] {
        let distances = Haversine.DistanceFrom(center)
        let cursor = try GeoCellCursor(txn, cells)
        var kept = NearestHits(limit: limit)
        var queue = MinHeap<CellVisit>()
        queue.push(CellVisit(distanceKm: 0, cell: .world))
        var read: [GeoHit] = []

        func enqueue(_ cell: GeoCell) {
            let distance = cell.box.minimumDistanceKm(from: distances)
            if distance <= radiusKm, distance <= kept.boundKm ?? .infinity { queue.push(CellVisit(distanceKm: distance, cell: cell)) }
        }
        func split(_ cell: GeoCell) {
            let (first, second) = cell.halves
            enqueue(first)
            enqueue(second)
        }

        while let visit = queue.popMin() {
            if let boundKm = kept.boundKm, visit.distanceKm > boundKm { break }
            let cell = visit.cell
            let canSplit = cell.precision < 64
            if canSplit, !cell.isPolarSliver, cell.spanKm > max(2 * visit.distanceKm, Self.smallestUnreadCellKm) {
                split(cell)
                continue
            }
            read.removeAll(keepingCapacity: true)
            var entries = 0
            try cursor.forEach(in: cell.hashes) { key, value in
                entries += 1
                if canSplit, entries > Self.entriesPerRead { return false }
                guard let point = StoredPoint.decode(value) else { throw corruptValue(value) }
                let distance = distances.distanceKm(latitude: point.latitude, longitude: point.longitude)
                if distance <= radiusKm, kept.admits(distance) {
                    read.append(GeoHit(id: try cellID(key), point: point, distanceKm: distance))
                }
                return true
            }
            if canSplit, entries > Self.entriesPerRead {
                split(cell)
            } else {
                for hit in read { kept.insert(hit) }
            }
        }
        return kept.sorted()
    }
}

/// A cell waiting in the queue, ordered by the least distance any of its points can have from the centre.
private struct CellVisit: Comparable {
    let distanceKm: Double
    let cell: GeoCell

    static func < (lhs: CellVisit, rhs: CellVisit) -> Bool { lhs.distanceKm < rhs.distanceKm }
    static func == (lhs: CellVisit, rhs: CellVisit) -> Bool { lhs.distanceKm == rhs.distanceKm }
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
