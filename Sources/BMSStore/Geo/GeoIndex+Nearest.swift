/// Nearest-first search over the index (`NearestWalk`).
extension GeoIndex {
    /// A cell is read whole only if it holds at most this many entries; a fuller one is read this far and
    /// the rest of it split.
    static let entriesPerRead = 64
    /// Cells around the centre are split unread down to about this size (km): in a city, a few dozen hotels.
    static let smallestUnreadCellKm = 4.0

    /// Visits the points within `radiusKm` of `center`, nearest first (ties by id), each with the cover
    /// stored beside it (empty without one), until `body` returns `.stop`, or the rest in any order once it
    /// returns `.anyOrder`. Points whose cover `admits` refuses are passed over as they are read, before
    /// their distance is even measured.
    ///
    /// A queued point keeps its cover as LMDB's own bytes, which stay valid until the transaction ends or
    /// writes (LMDB hands out pages that no later read moves), so `body` must not write in `txn`.
    /// - Throws: as `within`.
    public func forEachNearest(
        _ txn: some Transaction, within radiusKm: Double, of center: GeoPoint,
        admitting admits: (_ cover: UnsafeRawBufferPointer) throws -> Bool = { _ in true },
        _ body: (GeoHit, _ cover: UnsafeRawBufferPointer) throws -> VisitNext
    ) throws {
        let cursor = try GeoCellCursor(txn, cells)
        try NearestWalk<GeoCellCursor>.visit(cursor, within: radiusKm, of: center, admitting: admits, body)
    }

    /// `forEachNearest` in order throughout, until `body` returns false.
    public func forEachNearest(
        _ txn: some Transaction, within radiusKm: Double, of center: GeoPoint,
        admitting admits: (_ cover: UnsafeRawBufferPointer) throws -> Bool = { _ in true },
        _ body: (GeoHit, _ cover: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try forEachNearest(txn, within: radiusKm, of: center, admitting: admits) { hit, cover in try body(hit, cover) ? .inOrder : .stop }
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
