/// Radius and box queries: cover the area with geohash cells, read their key ranges, filter on the exact
/// coordinates stored beside each key.
extension GeoIndex {
    /// Every point within `radiusKm` of `center`, nearest first (ties by id), at most `limit`.
    ///
    /// Without a limit, one pass over the cells covering the circle. With one, a nearest-first walk that reads
    /// outwards from the centre and stops as soon as no unread point can be among the `limit` nearest, so a
    /// large radius costs no more than it must (see `nearestFirst`).
    /// - Throws: `StoreError.invalidCoordinates` for an invalid centre; `StoreError.invalidGeoQuery` for a
    ///   negative or NaN radius or a negative limit.
    public func within(_ txn: some Transaction, of center: GeoPoint, radiusKm: Double, limit: Int = .max) throws -> [GeoHit] {
        let center = try center.validated()
        guard radiusKm >= 0 else { throw StoreError.invalidGeoQuery("the radius must be 0 km or more, not \(radiusKm)") }
        guard limit >= 0 else { throw StoreError.invalidGeoQuery("the limit must be 0 or more, not \(limit)") }
        if limit == 0 { return [] }
        if limit == .max { return try everyPoint(txn, within: radiusKm, of: center) }
        return try nearestFirst(txn, limit, within: radiusKm, of: center)
    }

    /// The `count` points nearest to `center`, nearest first (ties by id), none farther than `maxRadiusKm`.
    public func nearest(
        _ txn: some Transaction, to center: GeoPoint, count: Int, maxRadiusKm: Double = .infinity
    ) throws -> [GeoHit] {
        try within(txn, of: center, radiusKm: maxRadiusKm, limit: count)
    }

    /// Every point in the box (longitudes may wrap the antimeridian when west > east), ordered by id.
    /// Edges are included; -180 and 180 are different longitudes here, as they are stored.
    /// - Throws: `StoreError.invalidCoordinates` for an invalid corner; `StoreError.invalidGeoQuery` when
    ///   `south > north`.
    public func inBox(_ txn: some Transaction, south: Double, west: Double, north: Double, east: Double) throws -> [GeoHit] {
        _ = try GeoPoint(latitude: south, longitude: west).validated()
        _ = try GeoPoint(latitude: north, longitude: east).validated()
        guard south <= north else { throw StoreError.invalidGeoQuery("south \(south) lies north of north \(north)") }

        let boxes = GeoBox.pieces(south: south, west: west, north: north, east: east)
        var hits: [GeoHit] = []
        try readCells(txn, GeoCover.ranges(covering: boxes)) { id, point in
            if boxes.contains(where: { $0.contains(point) }) {
                hits.append(GeoHit(id: id, point: point, distanceKm: 0))
            }
        }
        return hits.sorted { $0.id < $1.id }
    }

    /// Every point within `radiusKm`, from one pass over the circle's cells.
    private func everyPoint(_ txn: some Transaction, within radiusKm: Double, of center: GeoPoint) throws -> [GeoHit] {
        let distances = Haversine.DistanceFrom(center)
        var hits: [GeoHit] = []
        try readCells(txn, GeoCover.ranges(covering: GeoBox.around(center, radiusKm: radiusKm))) { id, point in
            let distance = distances.distanceKm(latitude: point.latitude, longitude: point.longitude)
            if distance <= radiusKm { hits.append(GeoHit(id: id, point: point, distanceKm: distance)) }
        }
        return hits.sorted { ($0.distanceKm, $0.id) < ($1.distanceKm, $1.id) }
    }

    /// Visits every entry in the hash `ranges` with its id and its point.
    private func readCells(_ txn: some Transaction, _ ranges: [ClosedRange<UInt64>], _ visit: (ObjectID, GeoPoint) throws -> Void) throws {
        let cursor = try GeoCellCursor(txn, cells)
        for range in ranges {
            try cursor.forEachEntry(in: range) { _, point, key, _ in
                try visit(try cursor.id(at: key), point)
                return true
            }
        }
    }
}
