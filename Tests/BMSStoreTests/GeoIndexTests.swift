import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

/// Every query is compared with a brute-force scan over the same points, using the same haversine function,
/// and must be equal: same ids, same order, same points and distances. Seeds are printed for replay.
@Suite("Geo index")
struct GeoIndexTests {
    static let radiiKm: [Double] = [0, 0.001, 0.05, 0.5, 2, 5, 20, 100, 400, 1500, 5000, 12000]
    static let limits: [Int] = [.max, .max, 1, 5, 20, 100]

    // MARK: - Keys and covers

    @Test("cell keys sort as their geohashes, and the poles and ±180° land in the edge cells")
    func geohashKeys() {
        var (random, seed) = SeededGenerator.printingSeed("geohash keys")
        let id = random.objectID().bytes
        for _ in 0..<2000 {
            let a = GeoHash(random.pointWorldwide())
            let b = GeoHash(random.pointWorldwide())
            let keysInOrder = GeoCellKey.encode(a, id).lexicographicallyPrecedes(GeoCellKey.encode(b, id))
            #expect(keysInOrder == (a.value < b.value), "seed \(seed)")
        }
        #expect(GeoHash.latitudeBits(90) == .max)
        #expect(GeoHash.latitudeBits(-90) == 0)
        #expect(GeoHash.longitudeBits(180) == .max)
        #expect(GeoHash.longitudeBits(-180) == 0)
        #expect(GeoHash(GeoPoint(latitude: 90, longitude: 180)).value == .max)
        #expect(GeoHash(GeoPoint(latitude: -90, longitude: -180)).value == 0)
        // Longitude comes first: the top bit splits east from west, the next one north from south.
        #expect(GeoHash(GeoPoint(latitude: -89, longitude: 1)).value >> 62 == 0b10)
        #expect(GeoHash(GeoPoint(latitude: 89, longitude: -1)).value >> 62 == 0b01)
    }

    @Test("merged cover ranges hold exactly the numbers of the ranges merged, sorted and apart")
    func mergedRanges() {
        var (random, seed) = SeededGenerator.printingSeed("merged ranges")
        // A small universe at the bottom and one at the top of UInt64, so that ranges ending at .max count too.
        for universe in [0...63, (UInt64.max - 63)...UInt64.max] {
            for _ in 0..<500 {
                let ranges = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                    let a = UInt64.random(in: universe, using: &random)
                    let b = UInt64.random(in: universe, using: &random)
                    return min(a, b)...max(a, b)
                }
                let merged = GeoCover.merged(ranges)
                #expect(Set(merged.flatMap { Array($0) }) == Set(ranges.flatMap { Array($0) }), "seed \(seed)")
                for (left, right) in zip(merged, merged.dropFirst()) {
                    #expect(left.upperBound + 1 < right.lowerBound, "seed \(seed): ranges must be sorted, with gaps")
                }
            }
        }
    }

    @Test("a cell's least distance from a centre is never more than the distance to any point in the cell")
    func cellDistanceIsALowerBound() {
        var (random, seed) = SeededGenerator.printingSeed("cell distance")
        var failures: [String] = []
        for round in 0..<3000 {
            let precision = Int.random(in: 0...44, using: &random)
            let cell = GeoCell(
                precision: precision, column: UInt32.random(in: 0...(UInt32.max >> (32 - UInt32((precision + 1) / 2))), using: &random),
                row: UInt32.random(in: 0...(UInt32.max >> (32 - UInt32(precision / 2))), using: &random))
            let box = cell.box
            // Centres anywhere, on the edges of the map, and close to the cell.
            let center =
                switch round % 3 {
                case 0: random.pointWorldwide()
                case 1: random.pointOnEdge()
                default:
                    destination(
                        from: GeoPoint(latitude: (box.south + box.north) / 2, longitude: (box.west + box.east) / 2),
                        bearingDegrees: Double.random(in: 0..<360, using: &random), distanceKm: Double.random(in: 0...3000, using: &random))
                }
            let least = box.minimumDistanceKm(from: Haversine.DistanceFrom(center))
            var inside = [
                GeoPoint(latitude: box.south, longitude: box.west), GeoPoint(latitude: box.north, longitude: box.east),
                GeoPoint(latitude: box.south, longitude: box.east), GeoPoint(latitude: box.north, longitude: box.west),
            ]
            inside += (0..<20).map { _ in
                GeoPoint(
                    latitude: Double.random(in: box.south...box.north, using: &random),
                    longitude: Double.random(in: box.west...box.east, using: &random))
            }
            for point in inside where center.distanceKm(to: point) < least {
                failures.append("\(point) in \(box) is \(center.distanceKm(to: point)) km from \(center), bound \(least) km")
            }
        }
        #expect(failures.count == 0, "seed \(seed): \(failures.count) bounds too high, first: \(failures.first ?? "")")
    }

    @Test("the boxes and cells around a circle hold every point the haversine filter accepts, at the poles and across ±180° too")
    func circleCoverHoldsTheCircle() {
        var (random, seed) = SeededGenerator.printingSeed("circle cover")
        var checked = 0
        var failures: [String] = []
        func check(_ points: [GeoPoint], around center: GeoPoint, radiusKm: Double) {
            let boxes = GeoBox.around(center, radiusKm: radiusKm)
            let cover = GeoCover.ranges(covering: boxes)
            if cover.count > GeoCover.maximumCells { failures.append("\(cover.count) ranges around \(center)") }
            for point in points where center.distanceKm(to: point) <= radiusKm {
                checked += 1
                let hash = GeoHash(point).value
                if !boxes.contains(where: { $0.contains(point) }) || !cover.contains(where: { $0.contains(hash) }) {
                    failures.append("\(point) at \(center.distanceKm(to: point)) km from \(center), radius \(radiusKm) km")
                }
            }
        }

        for round in 0..<1500 {
            let center = round % 3 == 0 ? random.pointOnEdge() : random.pointWorldwide()
            let radius = Self.radiiKm.randomElement(using: &random)! * Double.random(in: 0.5...1.5, using: &random)
            // Points just inside and just outside the circle, where rounding decides, and points on the edges.
            let nearCircle = (0..<12).map { _ in
                destination(
                    from: center, bearingDegrees: Double.random(in: 0..<360, using: &random),
                    distanceKm: radius * Double.random(in: 0.9999...1.0001, using: &random))
            }
            check(nearCircle + (0..<4).map { _ in random.pointOnEdge() }, around: center, radiusKm: radius)
            // The circle's northmost, southmost, westmost and eastmost points, each with a radius of exactly its
            // distance: the box edges themselves.
            for point in extremePoints(of: center, radiusKm: radius) {
                check([point], around: center, radiusKm: center.distanceKm(to: point))
            }
        }
        #expect(checked > 10_000)
        #expect(failures.count == 0, "seed \(seed): \(failures.count) uncovered, first: \(failures.first ?? "")")
    }

    /// Where a circle that does not reach a pole touches its bounding box.
    private func extremePoints(of center: GeoPoint, radiusKm: Double) -> [GeoPoint] {
        let radius = radiusKm / Haversine.earthRadiusKm
        let latitude = Haversine.radians(center.latitude)
        guard abs(center.latitude) + Haversine.degrees(radius) < 90 else { return [] }
        let tangentLatitude = Haversine.degrees(asin(sin(latitude) / cos(radius)))
        let halfWidth = Haversine.degrees(asin(sin(radius) / cos(latitude)))
        return [
            GeoPoint(latitude: center.latitude + Haversine.degrees(radius), longitude: center.longitude),
            GeoPoint(latitude: center.latitude - Haversine.degrees(radius), longitude: center.longitude),
            GeoPoint(latitude: tangentLatitude, longitude: wrappedLongitude(center.longitude - halfWidth)),
            GeoPoint(latitude: tangentLatitude, longitude: wrappedLongitude(center.longitude + halfWidth)),
        ]
    }

    // MARK: - Radius and nearest queries

    @Test("radius queries over points worldwide equal a brute-force scan")
    func worldwideRadiusQueries() async throws {
        var (random, seed) = SeededGenerator.printingSeed("worldwide radius queries")
        let fixture = try GeoFixture()
        var entries = (0..<3000).map { _ in (id: random.objectID(), point: random.pointWorldwide()) }
        entries += (0..<200).map { _ in (id: random.objectID(), point: random.pointOnEdge()) }
        // Several ids at one place: equal distances, ordered by id.
        entries += (0..<200).map { _ in (id: random.objectID(), point: entries.randomElement(using: &random)!.point) }
        try await fixture.put(entries)

        for query in 0..<150 {
            let center = query % 4 == 0 ? entries.randomElement(using: &random)!.point : random.pointWorldwide()
            try fixture.expectWithinMatchesBruteForce(
                center, radiusKm: Self.radiiKm.randomElement(using: &random)!,
                limit: Self.limits.randomElement(using: &random)!, "seed \(seed) query \(query)")
        }
    }

    @Test("nearest-k queries among hotels in city clusters equal a brute-force scan, from the store and from memory")
    func clusteredNearestQueries() async throws {
        var (random, seed) = SeededGenerator.printingSeed("clustered nearest queries")
        let fixture = try GeoFixture()
        // Ordinary cities, one far north and one on the antimeridian (Fiji).
        var cities = (0..<8).map { _ in
            GeoPoint(latitude: Double.random(in: -50...60, using: &random), longitude: Double.random(in: -170...170, using: &random))
        }
        cities += [GeoPoint(latitude: 69.65, longitude: 18.96), GeoPoint(latitude: -17.8, longitude: 179.95)]
        let entries = (0..<5000).map { index in
            (id: random.objectID(), point: random.point(near: cities[index % cities.count], spreadKm: 20))
        }
        try await fixture.put(entries)

        for query in 0..<200 {
            let city = cities.randomElement(using: &random)!
            let center = query % 5 == 0 ? random.pointWorldwide() : random.point(near: city, spreadKm: 30)
            let radius = [0.2, 1, 5, 5, 20, 100, 2000, .infinity].randomElement(using: &random)!
            let limit = [1, 5, 20, 20, 50, .max].randomElement(using: &random)!
            try fixture.expectWithinMatchesBruteForce(center, radiusKm: radius, limit: limit, "seed \(seed) query \(query)")
        }
        let here = cities[0]
        let nearest = try fixture.store.read { txn in try fixture.geo.nearest(txn, to: here, count: 20, maxRadiusKm: 5) }
        #expect(firstDifference(nearest, fixture.bruteWithin(here, radiusKm: 5, limit: 20)) == nil, "seed \(seed)")
    }

    @Test("nearest-first walks through crowded cells, read in part and resumed, equal a brute-force scan")
    func crowdedCellsResumed() async throws {
        var (random, seed) = SeededGenerator.printingSeed("crowded cells")
        let fixture = try GeoFixture()
        let center = GeoPoint(latitude: 12.9716, longitude: 77.5946)
        // Thousands of points within a few hundred metres: nearly every cell read holds more than
        // `entriesPerRead` entries, so the walk stops in it and goes on from there.
        var entries = (0..<4000).map { _ in (id: random.objectID(), point: random.point(near: center, spreadKm: 0.4)) }
        // Crowds at one place, some larger than a read, so that one hash straddles where a read stops.
        for size in [GeoIndex.entriesPerRead - 1, GeoIndex.entriesPerRead + 1, 2 * GeoIndex.entriesPerRead, 7, 30] {
            let place = random.point(near: center, spreadKm: 0.3)
            entries += (0..<size).map { _ in (id: random.objectID(), point: place) }
        }
        try await fixture.put(entries)

        for query in 0..<120 {
            let here = query % 3 == 0 ? entries.randomElement(using: &random)!.point : random.point(near: center, spreadKm: 0.5)
            let radius = [0.01, 0.05, 0.2, 1, 5].randomElement(using: &random)!
            let limit = [1, 20, 101, 500, 3000].randomElement(using: &random)!
            try fixture.expectWithinMatchesBruteForce(here, radiusKm: radius, limit: limit, "seed \(seed) query \(query)")
        }
    }

    @Test("queries at and around the poles equal a brute-force scan, including exactly ±90°")
    func polarQueries() async throws {
        var (random, seed) = SeededGenerator.printingSeed("polar queries")
        let fixture = try GeoFixture()
        var entries: [(id: ObjectID, point: GeoPoint)] = []
        for pole in [90.0, -90.0] {
            entries += (0..<1000).map { _ in
                let towardsEquator = Double.random(in: 0...5, using: &random)
                let latitude = pole > 0 ? pole - towardsEquator : pole + towardsEquator
                return (id: random.objectID(), point: GeoPoint(latitude: latitude, longitude: Double.random(in: -180...180, using: &random)))
            }
            entries += (0..<50).map { _ in
                (id: random.objectID(), point: GeoPoint(latitude: pole, longitude: [0, 180, -180, 45].randomElement(using: &random)!))
            }
        }
        entries += (0..<500).map { _ in (id: random.objectID(), point: random.pointWorldwide()) }
        try await fixture.put(entries)

        for query in 0..<150 {
            let pole = Bool.random(using: &random) ? 90.0 : -90.0
            let distanceFromPole = [0, 0, 1e-9, 0.001, 0.5, 2, 10].randomElement(using: &random)!
            let center = GeoPoint(
                latitude: pole > 0 ? pole - distanceFromPole : pole + distanceFromPole,
                longitude: [0, 180, -180, Double.random(in: -180...180, using: &random)].randomElement(using: &random)!)
            try fixture.expectWithinMatchesBruteForce(
                center, radiusKm: Self.radiiKm.randomElement(using: &random)!,
                limit: Self.limits.randomElement(using: &random)!, "seed \(seed) query \(query)")
        }
    }

    @Test("queries across the antimeridian equal a brute-force scan, including exactly ±180°")
    func antimeridianQueries() async throws {
        var (random, seed) = SeededGenerator.printingSeed("antimeridian queries")
        let fixture = try GeoFixture()
        var entries = (0..<2000).map { _ in
            let longitude =
                Bool.random(using: &random)
                ? Double.random(in: 178...180, using: &random) : Double.random(in: -180 ... -178, using: &random)
            return (id: random.objectID(), point: GeoPoint(latitude: Double.random(in: -80...80, using: &random), longitude: longitude))
        }
        // The same places written as +180° and -180°: the same distance from everywhere, ordered by id.
        for _ in 0..<100 {
            let latitude = Double.random(in: -89...89, using: &random)
            entries.append((id: random.objectID(), point: GeoPoint(latitude: latitude, longitude: 180)))
            entries.append((id: random.objectID(), point: GeoPoint(latitude: latitude, longitude: -180)))
        }
        try await fixture.put(entries)

        for query in 0..<150 {
            let longitude = [
                180, -180, 179.99999, -179.9999, Double.random(in: 175...180, using: &random), Double.random(in: -180 ... -175, using: &random),
            ]
            .randomElement(using: &random)!
            let center =
                query % 5 == 0
                ? entries.randomElement(using: &random)!.point
                : GeoPoint(latitude: Double.random(in: -85...85, using: &random), longitude: longitude)
            try fixture.expectWithinMatchesBruteForce(
                center, radiusKm: Self.radiiKm.randomElement(using: &random)!,
                limit: Self.limits.randomElement(using: &random)!, "seed \(seed) query \(query)")
        }
    }

    @Test("a radius of 0 finds exactly the points at the centre, and a tiny radius only those within it")
    func zeroAndTinyRadius() async throws {
        var (random, seed) = SeededGenerator.printingSeed("zero and tiny radius")
        let fixture = try GeoFixture()
        var places = (0..<30).map { _ in random.pointWorldwide() } + (0..<10).map { _ in random.pointOnEdge() }
        places += [GeoPoint(latitude: 90, longitude: 0), GeoPoint(latitude: -90, longitude: 180), GeoPoint(latitude: 0, longitude: -180)]
        var entries: [(id: ObjectID, point: GeoPoint)] = []
        for (index, place) in places.enumerated() {
            // One place holds more entries than a cell is read with at once, even at the finest precision.
            entries += (0..<(index == 0 ? 3 * GeoIndex.entriesPerRead : 3)).map { _ in (id: random.objectID(), point: place) }
            // Neighbours 1 mm, 1 cm and 1 m away.
            for distance in [1e-6, 1e-5, 1e-3] {
                let neighbour = destination(from: place, bearingDegrees: Double.random(in: 0..<360, using: &random), distanceKm: distance)
                entries.append((id: random.objectID(), point: neighbour))
            }
        }
        try await fixture.put(entries)

        for place in places {
            let atPlace = entries.filter { $0.point == place }.map(\.id).sorted()
            #expect(try fixture.within(place, radiusKm: 0).map(\.id) == atPlace, "seed \(seed): radius 0 at \(place)")
            for radius in [0, 1e-7, 1e-6, 2e-6, 1e-5, 1e-3, 0.01] {
                for limit in [.max, 2, 100] {
                    try fixture.expectWithinMatchesBruteForce(place, radiusKm: radius, limit: limit, "seed \(seed)")
                }
            }
        }
    }

    @Test("a radius of half the Earth's circumference or more finds every point, nearest first")
    func hugeRadius() async throws {
        var (random, seed) = SeededGenerator.printingSeed("huge radius")
        let fixture = try GeoFixture()
        let entries = (0..<1000).map { index in
            (id: random.objectID(), point: index % 10 == 0 ? random.pointOnEdge() : random.pointWorldwide())
        }
        try await fixture.put(entries)

        for query in 0..<8 {
            let center = query % 2 == 0 ? random.pointOnEdge() : random.pointWorldwide()
            for radius in [Haversine.halfCircumferenceKm, 20_016, 40_000, .infinity] {
                let found = try fixture.within(center, radiusKm: radius)
                #expect(found.count == entries.count, "seed \(seed) query \(query)")
                #expect(firstDifference(found, fixture.bruteWithin(center, radiusKm: radius)) == nil, "seed \(seed) query \(query)")
                try fixture.expectWithinMatchesBruteForce(center, radiusKm: radius, limit: 20, "seed \(seed) query \(query)")
            }
            try fixture.expectWithinMatchesBruteForce(center, radiusKm: 19_990, "seed \(seed) query \(query)")
        }
    }

    // MARK: - Box queries

    @Test("box queries equal a brute-force scan, including boxes across the antimeridian and up to the poles")
    func boxQueries() async throws {
        var (random, seed) = SeededGenerator.printingSeed("box queries")
        let fixture = try GeoFixture()
        let cities = (0..<5).map { _ in random.pointWorldwide() }
        let entries = (0..<3000).map { index in
            let point =
                switch index % 3 {
                case 0: random.pointWorldwide()
                case 1: random.point(near: cities[index % cities.count], spreadKm: 30)
                default: random.pointOnEdge()
                }
            return (id: random.objectID(), point: point)
        }
        try await fixture.put(entries)

        let fixedBoxes: [(Double, Double, Double, Double)] = [
            (-90, -180, 90, 180), (-90, 170, 90, -170), (-10, 180, 10, -180), (0, 179.5, 90, 180), (80, -180, 90, 180),
            (-90, -180, -90, 180), (-90, 0, 90, 0), (-30, -180, 30, -180), (-45, 10, 45, 10),
        ]
        for (south, west, north, east) in fixedBoxes {
            try fixture.expectBoxMatchesBruteForce(south: south, west: west, north: north, east: east, "seed \(seed)")
        }
        for query in 0..<200 {
            var latitudes = [Double.random(in: -90...90, using: &random), Double.random(in: -90...90, using: &random)].sorted()
            var longitudes = [Double.random(in: -180...180, using: &random), Double.random(in: -180...180, using: &random)]
            switch query % 4 {
            case 0:  // a small box around a city, maybe wrapping
                let city = cities.randomElement(using: &random)!
                latitudes = [max(-90, city.latitude - 0.2), min(90, city.latitude + 0.2)]
                longitudes = [city.longitude - 0.3, city.longitude + 0.3].map(wrappedLongitude)
            case 1:  // edges exactly on stored points: both edges are included
                let a = entries.randomElement(using: &random)!.point
                let b = entries.randomElement(using: &random)!.point
                latitudes = [a.latitude, b.latitude].sorted()
                longitudes = [a.longitude, b.longitude]
            default: break
            }
            try fixture.expectBoxMatchesBruteForce(
                south: latitudes[0], west: longitudes[0], north: latitudes[1], east: longitudes[1], "seed \(seed) query \(query)")
        }
    }

    // MARK: - Writes and verification

    @Test("moved and removed points are found where they are now, and nowhere else")
    func moveAndRemove() async throws {
        var (random, seed) = SeededGenerator.printingSeed("move and remove")
        let fixture = try GeoFixture()
        let city = random.pointWorldwide()
        let entries = (0..<2000).map { index in
            (id: random.objectID(), point: index % 2 == 0 ? random.point(near: city, spreadKm: 20) : random.pointWorldwide())
        }
        try await fixture.put(entries)

        let moved = entries.shuffled(using: &random).prefix(600).map { entry in
            let point =
                switch Int.random(in: 0..<4, using: &random) {
                case 0: destination(from: entry.point, bearingDegrees: 90, distanceKm: 0.001)
                case 1: random.pointOnEdge()
                case 2: entry.point  // putting a point where it already is changes nothing
                default: random.point(near: city, spreadKm: 20)
                }
            return (id: entry.id, point: point)
        }
        try await fixture.put(moved)
        try await fixture.remove(entries.shuffled(using: &random).prefix(400).map(\.id) + [random.objectID()])

        try fixture.store.read { txn throws in
            for entry in entries {
                #expect(try fixture.geo.point(txn, entry.id) == fixture.model[entry.id], "seed \(seed)")
            }
            #expect(try fixture.geo.cells.count(txn) == fixture.model.count)
            #expect(try fixture.geo.points.count(txn) == fixture.model.count)
        }
        for query in 0..<100 {
            let center = query % 2 == 0 ? random.point(near: city, spreadKm: 20) : random.pointWorldwide()
            try fixture.expectWithinMatchesBruteForce(
                center, radiusKm: Self.radiiKm.randomElement(using: &random)!,
                limit: Self.limits.randomElement(using: &random)!, "seed \(seed) query \(query)")
        }
        #expect(try fixture.verify() == [], "seed \(seed)")
    }

    @Test("verify is clean after random puts, moves and removes in many transactions")
    func verifyAfterRandomWrites() async throws {
        var (random, seed) = SeededGenerator.printingSeed("verify after random writes")
        let fixture = try GeoFixture()
        var ids: [ObjectID] = []
        for _ in 0..<30 {
            var puts: [(id: ObjectID, point: GeoPoint)] = []
            for _ in 0..<60 {
                if ids.isEmpty || Int.random(in: 0..<3, using: &random) == 0 {
                    ids.append(random.objectID())
                    puts.append((id: ids.last!, point: random.pointWorldwide()))
                } else {
                    puts.append((id: ids.randomElement(using: &random)!, point: random.pointOnEdge()))
                }
            }
            try await fixture.put(puts)
            try await fixture.remove((0..<15).map { _ in ids.randomElement(using: &random)! })
            #expect(try fixture.verify() == [], "seed \(seed)")
        }
        #expect(fixture.model.count > 100)
        let geo = fixture.geo
        try await fixture.store.write { txn in try geo.removeAll(txn) }
        #expect(try fixture.verify(expected: [:]) == [], "seed \(seed)")
        #expect(try fixture.within(GeoPoint(latitude: 0, longitude: 0), radiusKm: .infinity) == [])
    }

    @Test("verify reports a bogus cell entry, a wrong cell, disagreeing tables, wrong coordinates, missing and extra points")
    func verifyReportsCorruption() async throws {
        var (random, _) = SeededGenerator.printingSeed("verify reports corruption")
        let fixture = try GeoFixture()
        let entries = (0..<6).map { _ in (id: random.objectID(), point: random.pointWorldwide()) }
        try await fixture.put(entries)
        // The last two entries stay as they were and must not be reported.
        let (wrongCell, disagreeing, wrongPlace, extra) = (entries[0], entries[1], entries[2], entries[3])
        let stranger = (id: random.objectID(), point: GeoPoint(latitude: 12.5, longitude: -7.25))
        let missing = (id: random.objectID(), point: GeoPoint(latitude: -3, longitude: 40))
        let elsewhere = GeoPoint(latitude: 1, longitude: 2)
        let rightHash = GeoHash(wrongCell.point)
        let wrongHash = GeoHash(value: rightHash.value ^ 1 << 40)

        let geo = fixture.geo
        try await fixture.store.write { txn in
            // A cell entry for an id that nothing else knows.
            try geo.cells.putRaw(txn, GeoCellKey.encode(GeoHash(stranger.point), stranger.id.bytes), StoredPoint.encode(stranger.point), flags: 0)
            // The right coordinates under the wrong geohash.
            _ = try geo.cells.deleteRaw(txn, GeoCellKey.encode(rightHash, wrongCell.id.bytes))
            try geo.cells.putRaw(txn, GeoCellKey.encode(wrongHash, wrongCell.id.bytes), StoredPoint.encode(wrongCell.point), flags: 0)
            // The points table no longer agrees with the cells table.
            try geo.points.putRaw(txn, disagreeing.id.bytes, StoredPoint.encode(elsewhere), flags: 0)
        }
        var expected = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.point) })
        expected[wrongPlace.id] = elsewhere
        expected[extra.id] = nil
        expected[missing.id] = missing.point

        let problems = try fixture.verify(expected: expected)
        func hex(_ hash: GeoHash) -> String {
            let digits = String(hash.value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        let wanted = [
            "\(stranger.id) has a cell entry at \(stranger.point) but neither a record point nor a points table entry",
            "\(wrongCell.id) has a cell entry under geohash \(hex(wrongHash)) but its coordinates \(wrongCell.point) belong under \(hex(rightHash))",
            "\(disagreeing.id) is indexed at \(elsewhere) but its record is at \(disagreeing.point)",
            "\(disagreeing.id) has a cell entry at \(disagreeing.point) but the points table says \(elsewhere)",
            "\(wrongPlace.id) is indexed at \(wrongPlace.point) but its record is at \(elsewhere)",
            "\(extra.id) is indexed at \(extra.point) but its record has no point",
            "\(missing.id) at \(missing.point) is missing from the index",
        ]
        #expect(problems.sorted() == wanted.sorted())
        #expect(problems == problems.sorted { $0.prefix(24) < $1.prefix(24) }, "problems come in id order")
    }

    @Test("a collection's geo index follows its records, and check() reports a corrupted entry")
    func collectionGeoIndex() async throws {
        var (random, seed) = SeededGenerator.printingSeed("collection geo index")
        let directory = TemporaryDirectory()
        let store = try openStore(directory, schema: Schema(version: 1, collections: [CollectionSchema<GeoHotel>()]), mapSize: 16 << 20)
        defer { store.close() }
        let hotels = try RecordCollection<GeoHotel>(in: store)
        let geo = try hotels.geo("location")

        var model: [ObjectID: GeoHotel] = [:]
        for _ in 0..<300 {
            let hotel = GeoHotel(id: random.objectID(), location: Int.random(in: 0..<5, using: &random) == 0 ? nil : random.pointWorldwide())
            model[hotel.id] = hotel
        }
        let inserted = Array(model.values)
        try await store.write { txn in for hotel in inserted { try hotels.insert(txn, hotel) } }
        let edited = model.values.shuffled(using: &random).prefix(100).map { hotel in
            GeoHotel(id: hotel.id, location: Bool.random(using: &random) ? nil : random.pointWorldwide())
        }
        let deletedIDs = Array(model.keys.shuffled(using: &random).prefix(50))
        try await store.write { txn in
            for hotel in edited { _ = try hotels.update(txn, hotel) }
        }
        for hotel in edited { model[hotel.id] = hotel }
        try await store.write { txn in for id in deletedIDs { _ = try hotels.delete(txn, id) } }
        for id in deletedIDs { model[id] = nil }

        let center = random.pointWorldwide()
        let found = try store.read { txn in try geo.within(txn, of: center, radiusKm: 5000) }
        let expected = model.values.compactMap { hotel in
            hotel.location.flatMap { point in
                let distance = center.distanceKm(to: point)
                return distance <= 5000 ? GeoHit(id: hotel.id, point: point, distanceKm: distance) : nil
            }
        }.sorted { ($0.distanceKm, $0.id) < ($1.distanceKm, $1.id) }
        #expect(firstDifference(found, expected) == nil, "seed \(seed)")
        let nearest = try store.read { txn in try geo.nearest(txn, to: center, count: 10, maxRadiusKm: 5000) }
        #expect(firstDifference(nearest, Array(expected.prefix(10))) == nil, "seed \(seed)")
        #expect(try store.check().isClean, "seed \(seed)")

        let bogus = random.objectID()
        try await store.write { txn in
            _ = try geo.cells.putRaw(txn, GeoCellKey.encode(GeoHash(center), bogus.bytes), StoredPoint.encode(center), flags: 0)
        }
        #expect(
            try store.check().problems
                == ["geo-hotels.location: \(bogus) has a cell entry at \(center) but neither a record point nor a points table entry"])
        _ = try await store.reindex()
        #expect(try store.check().isClean, "seed \(seed)")
    }

    @Test("a geo index's covers follow their records: a nearest-first walk hands out each point's cover or skips it; check() reports a stale one")
    func coversFollowRecords() async throws {
        var (random, seed) = SeededGenerator.printingSeed("geo covers")
        let directory = TemporaryDirectory()
        let store = try openStore(directory, schema: Schema(version: 1, collections: [CollectionSchema<GeoShop>()]), mapSize: 16 << 20)
        defer { store.close() }
        let shops = try RecordCollection<GeoShop>(in: store)
        let geo = try shops.geo("location")
        let center = random.pointWorldwide()
        var model: [ObjectID: GeoShop] = [:]
        for number in 0..<200 {
            let shop = GeoShop(id: random.objectID(), location: random.point(near: center, spreadKm: 20), sign: "shop \(number)")
            model[shop.id] = shop
        }
        let opened = Array(model.values)
        try await store.write { txn in for shop in opened { try shops.insert(txn, shop) } }
        // Half change their sign where they stand, a quarter move with a new one.
        let renamed = opened.shuffled(using: &random).prefix(150).enumerated().map { position, shop in
            GeoShop(
                id: shop.id, location: position < 50 ? random.point(near: center, spreadKm: 20) : shop.location,
                sign: String(repeating: "renamed ", count: position % 4) + shop.sign)
        }
        try await store.write { txn in for shop in renamed { _ = try shops.update(txn, shop) } }
        for shop in renamed { model[shop.id] = shop }

        var walked: [(GeoHit, String)] = []
        try store.read { txn in
            try geo.forEachNearest(txn, within: 100, of: center) { hit, cover in
                walked.append((hit, String(decoding: cover, as: UTF8.self)))
                return true
            }
        }
        let expected = model.values.map { shop in
            (GeoHit(id: shop.id, point: shop.location, distanceKm: center.distanceKm(to: shop.location)), shop.sign)
        }.filter { $0.0.distanceKm <= 100 }.sorted { ($0.0.distanceKm, $0.0.id) < ($1.0.distanceKm, $1.0.id) }
        #expect(firstDifference(walked.map(\.0), expected.map(\.0)) == nil, "seed \(seed)")
        #expect(walked.map(\.1) == expected.map(\.1), "seed \(seed)")
        // Passing over the points whose cover is refused leaves the others in the same order.
        var admitted: [GeoHit] = []
        try store.read { txn in
            try geo.forEachNearest(txn, within: 100, of: center, admitting: { $0.starts(with: "renamed".utf8) }) { hit, _ in
                admitted.append(hit)
                return true
            }
        }
        #expect(admitted == walked.filter { $0.1.hasPrefix("renamed") }.map(\.0), "seed \(seed)")
        #expect(try store.check().isClean, "seed \(seed)")

        let stale = try #require(model.values.first)
        try await store.write { txn in
            _ = try geo.cells.putRaw(
                txn, GeoCellKey.encode(GeoHash(stale.location), stale.id.bytes), StoredPoint.encode(stale.location) + Array("old".utf8), flags: 0)
        }
        #expect(
            try store.check().problems == [
                "geo-shops.location: \(stale.id) has a cell entry carrying \(Hex.string(Array("old".utf8))) but its record's cover is \(Hex.string(Array(stale.sign.utf8)))"
            ])
        _ = try await store.reindex()
        #expect(try store.check().isClean, "seed \(seed)")
    }

    // MARK: - Invalid input

    @Test("invalid coordinates and queries are refused with a readable error, and nothing is written")
    func invalidInput() async throws {
        let fixture = try GeoFixture()
        let id = ObjectID()
        for point in [
            GeoPoint(latitude: .nan, longitude: 0), GeoPoint(latitude: 0, longitude: .nan), GeoPoint(latitude: 90.000001, longitude: 0),
            GeoPoint(latitude: -91, longitude: 0), GeoPoint(latitude: 0, longitude: 180.5), GeoPoint(latitude: 0, longitude: -.infinity),
        ] {
            let error = await #expect(throws: StoreError.self) { try await fixture.put([(id: id, point: point)]) }
            #expect(error.map { "\($0)" }?.contains("latitude must lie within -90…90 and longitude within -180…180") == true)
            let queryError = #expect(throws: StoreError.self) { try fixture.within(point, radiusKm: 1) }
            guard case .invalidCoordinates? = queryError else {
                Issue.record("within(\(point)) threw \(String(describing: queryError))")
                continue
            }
        }
        #expect(try fixture.verify(expected: [:]) == [])

        let here = GeoPoint(latitude: 10, longitude: 10)
        for (radius, limit) in [(-1.0, 10), (.nan, 10), (1.0, -1)] {
            let error = #expect(throws: StoreError.self) { try fixture.within(here, radiusKm: radius, limit: limit) }
            guard case .invalidGeoQuery? = error else {
                Issue.record("within(radius \(radius), limit \(limit)) threw \(String(describing: error))")
                continue
            }
        }
        #expect(try fixture.within(here, radiusKm: 10, limit: 0) == [])
        // The same refusals from points in memory.
        #expect(throws: StoreError.invalidCoordinates(latitude: 0, longitude: 180.5)) {
            try GeoPointList([(id: id, point: GeoPoint(latitude: 0, longitude: 180.5), number: 0)])
        }
        let list = try GeoPointList([(id: id, point: here, number: 0)])
        #expect(throws: StoreError.invalidCoordinates(latitude: -91, longitude: 0)) {
            try list.forEachNearest(within: 1, of: GeoPoint(latitude: -91, longitude: 0)) { _, _ in true }
        }
        for radius in [-1.0, .nan] {
            let error = #expect(throws: StoreError.self) { try list.forEachNearest(within: radius, of: here) { _, _ in true } }
            guard case .invalidGeoQuery? = error else {
                Issue.record("forEachNearest(radius \(radius)) threw \(String(describing: error))")
                continue
            }
        }
        let inverted = #expect(throws: StoreError.self) { try fixture.inBox(south: 10, west: 0, north: -10, east: 5) }
        #expect(inverted.map { "\($0)" } == "invalid geo query: south 10.0 lies north of north -10.0")
        let outside = #expect(throws: StoreError.self) { try fixture.inBox(south: -91, west: 0, north: 10, east: 5) }
        #expect(outside == .invalidCoordinates(latitude: -91, longitude: 0))
    }
}
