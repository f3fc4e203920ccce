/// Points held in memory in geohash order, each with a number of its owner's, searched nearest first as a
/// geo index is (`NearestWalk`, the same order and ties) without reading the store: for a caller that keeps
/// a copy of what it indexed, as the search snapshot keeps its listings' locations.
///
/// ```swift
/// let places = try GeoPointList([(id: hotel, point: GeoPoint(latitude: 48.8566, longitude: 2.3522), number: 7)])
/// try places.forEachNearest(within: 5, of: here) { hit, position in print(hit.distanceKm, places.numbers[position]); return true }
/// ```
public struct GeoPointList: Sendable {
    private let hashes: [UInt64]
    private let points: [GeoPoint]
    private let ids: [ObjectID]
    /// Each point's number, in the list's order: `forEachNearest` hands out a point's position in it, so that
    /// a caller can keep what it filters on in the same order, read forwards as the walk reads the list.
    public let numbers: [Int32]

    /// - Throws: `StoreError.invalidCoordinates` for an invalid point.
    public init(_ entries: [(id: ObjectID, point: GeoPoint, number: Int32)]) throws {
        let hashed = try entries.map { entry in (hash: GeoHash(try entry.point.validated()).value, entry) }
            .sorted { ($0.hash, $0.1.id) < ($1.hash, $1.1.id) }
        hashes = hashed.map(\.hash)
        points = hashed.map(\.1.point)
        ids = hashed.map(\.1.id)
        numbers = hashed.map(\.1.number)
    }

    /// Visits the points within `radiusKm` of `center`, nearest first (ties by id), each with its position
    /// in `numbers`, until `body` returns `.stop`, or the rest in any order once it returns `.anyOrder`,
    /// passing over those whose position `admits` refuses before measuring them.
    /// - Throws: as `GeoIndex.forEachNearest`.
    public func forEachNearest(
        within radiusKm: Double, of center: GeoPoint, admitting admits: (_ position: Int) throws -> Bool = { _ in true },
        _ body: (GeoHit, _ position: Int) throws -> VisitNext
    ) throws {
        try NearestWalk<GeoPointList>.visit(self, within: radiusKm, of: center, admitting: admits, body)
    }

    /// `forEachNearest` in order throughout, until `body` returns false.
    public func forEachNearest(
        within radiusKm: Double, of center: GeoPoint, admitting admits: (_ position: Int) throws -> Bool = { _ in true },
        _ body: (GeoHit, _ position: Int) throws -> Bool
    ) throws {
        try forEachNearest(within: radiusKm, of: center, admitting: admits) { hit, position in try body(hit, position) ? .inOrder : .stop }
    }
}

extension GeoPointList: GeoEntries {
    /// A point is known by its position in the list, for its id as for the walk's caller.
    @inline(__always)
    func forEachEntry(
        in hashes: ClosedRange<UInt64>, _ body: (_ hash: UInt64, _ point: GeoPoint, _ position: Int, _ samePosition: Int) throws -> Bool
    ) throws {
        var (position, end) = (0, self.hashes.count)
        while position < end {
            let middle = (position + end) / 2
            if self.hashes[middle] < hashes.lowerBound { position = middle + 1 } else { end = middle }
        }
        while position < self.hashes.count, self.hashes[position] <= hashes.upperBound {
            guard try body(self.hashes[position], points[position], position, position) else { return }
            position += 1
        }
    }

    func id(at position: Int) -> ObjectID { ids[position] }
}
