/// Radius, nearest and box queries: cover the area with geohash cells, range-scan them, filter on the exact
/// coordinates stored beside each key.
extension GeoIndex {
    /// Every point within `radiusKm` of `center`, nearest first (ties by id), at most `limit`.
    ///
    /// With a limit, the search starts in a small circle and widens until it holds `limit` points or reaches
    /// `radiusKm`: once a searched circle holds `limit` points, no point outside it can be among the nearest.
    /// Each cell is scanned once, and only the nearest `limit` points seen are kept.
    /// - Throws: `StoreError.invalidCoordinates` for an invalid centre; `StoreError.invalidGeoQuery` for a
    ///   negative or NaN radius or a negative limit.
    public func within(_ txn: some Transaction, of center: GeoPoint, radiusKm: Double, limit: Int = .max) throws -> [GeoHit] {
        let center = try center.validated()
        guard radiusKm >= 0 else { throw StoreError.invalidGeoQuery("the radius must be 0 km or more, not \(radiusKm)") }
        guard limit >= 0 else { throw StoreError.invalidGeoQuery("the limit must be 0 or more, not \(limit)") }
        if limit == 0 { return [] }
        if limit == .max { return try everyPoint(txn, within: radiusKm, of: center) }
        return try nearestByWidening(txn, limit, within: radiusKm, of: center)
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
        try scanCells(txn, GeoCover.ranges(covering: boxes).ranges) { key, point in
            if boxes.contains(where: { $0.contains(point) }) {
                hits.append(GeoHit(id: try cellID(key), point: point, distanceKm: 0))
            }
        }
        hits.sort { $0.id < $1.id }
        return hits
    }

    /// Every point within `radiusKm`, from one scan of the circle's cells, sorted.
    private func everyPoint(_ txn: some Transaction, within radiusKm: Double, of center: GeoPoint) throws -> [GeoHit] {
        let distances = Haversine.DistanceFrom(center)
        var hits: [GeoHit] = []
        let cover = GeoCover.ranges(covering: GeoBox.around(center, radiusKm: radiusKm))
        try scanCells(txn, cover.ranges) { key, point in
            let distance = distances.distanceKm(latitude: point.latitude, longitude: point.longitude)
            if distance <= radiusKm { hits.append(GeoHit(id: try cellID(key), point: point, distanceKm: distance)) }
        }
        return hits.sorted { ($0.distanceKm, $0.id) < ($1.distanceKm, $1.id) }
    }

    /// The `limit` nearest points within `radiusKm`, from circles that widen until one holds `limit` points.
    private func nearestByWidening(
        _ txn: some Transaction, _ limit: Int, within radiusKm: Double, of center: GeoPoint
    ) throws -> [GeoHit] {
        let distances = Haversine.DistanceFrom(center)
        var kept = NearestHits(limit: limit)
        var scanned = HashRangeSet()
        var searchedKm = min(radiusKm, Self.firstNearestRadiusKm)
        while true {
            let cover = GeoCover.ranges(covering: GeoBox.around(center, radiusKm: searchedKm))
            try scanCells(txn, cover.subtracting(scanned)) { key, point in
                let distance = distances.distanceKm(latitude: point.latitude, longitude: point.longitude)
                if distance <= radiusKm, kept.admits(distance) {
                    kept.insert(GeoHit(id: try cellID(key), point: point, distanceKm: distance))
                }
            }
            if searchedKm >= radiusKm || searchedKm >= Haversine.halfCircumferenceKm { break }
            if let boundKm = kept.boundKm, boundKm <= searchedKm { break }
            scanned.formUnion(cover)
            let found = kept.count(within: searchedKm)
            // Points seen beyond the searched circle still bound the answer: the next circle need not pass them.
            searchedKm = min(radiusKm, kept.boundKm ?? .infinity, searchedKm * Self.widening(found: found, wanted: limit))
        }
        return kept.sorted()
    }

    /// The first radius a nearest search tries: a few hundred metres hold the nearest twenty hotels of a city.
    static let firstNearestRadiusKm = 0.5

    /// How much a nearest search widens after finding `found` of `wanted` points. Points grow with the area,
    /// so the radius grows with the square root of the shortfall: at least doubling, at most 4× so that one
    /// step does not overshoot into far, dense places.
    static func widening(found: Int, wanted: Int) -> Double {
        min(4, max(2, (Double(wanted) / Double(max(found, 1))).squareRoot() * 1.25))
    }

    /// Visits every entry in the hash `ranges` with its raw key and its point, read straight from the buffer.
    private func scanCells(
        _ txn: some Transaction, _ ranges: [ClosedRange<UInt64>], _ visit: (UnsafeRawBufferPointer, GeoPoint) throws -> Void
    ) throws {
        for range in ranges {
            try cells.scanRaw(txn, GeoCellKey.scanRange(range), direction: .forward) { key, value in
                guard let point = StoredPoint.decode(value) else {
                    throw StoreError.corrupt(table: cells.name, reason: "a point of \(value.count) bytes instead of 16")
                }
                try visit(key, point)
                return true
            }
        }
    }

    private func cellID(_ key: UnsafeRawBufferPointer) throws -> ObjectID {
        guard let (_, id) = GeoCellKey.decode(key) else {
            throw StoreError.corrupt(table: cells.name, reason: "a key of \(key.count) bytes instead of 20")
        }
        return id
    }
}
