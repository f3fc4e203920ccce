import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

/// A geo index in a fresh store, beside the points it should hold, so that every query can be compared
/// with a brute-force scan over the same points using the same haversine function.
final class GeoFixture {
    static let base = "geo:test"

    let directory = TemporaryDirectory()
    let store: Store
    let geo: GeoIndex
    private(set) var model: [ObjectID: GeoPoint] = [:] {
        didSet { inMemory = nil }
    }
    /// The model's points in a `GeoPointList`, numbered in id order; built when a query first needs it.
    private var inMemory: (list: GeoPointList, ids: [ObjectID], numbers: [ObjectID: Int])?

    init() throws {
        store = try openStore(
            directory, schema: Schema(version: 1, tables: GeoIndex.tableNames(base: GeoFixture.base)), mapSize: 64 << 20)
        geo = try GeoIndex(base: GeoFixture.base, in: store)
    }

    deinit { store.close() }

    func put(_ entries: [(id: ObjectID, point: GeoPoint)]) async throws {
        let geo = self.geo
        try await store.write { txn in
            for entry in entries { try geo.put(txn, entry.id, at: entry.point) }
        }
        for entry in entries { model[entry.id] = entry.point }
    }

    func remove(_ ids: [ObjectID]) async throws {
        let geo = self.geo
        let removed = try await store.write { txn in try ids.map { try geo.remove(txn, $0) } }
        for (id, wasThere) in zip(ids, removed) {
            #expect(wasThere == (model.removeValue(forKey: id) != nil), "remove(\(id)) reported \(wasThere)")
        }
    }

    func within(_ center: GeoPoint, radiusKm: Double, limit: Int = .max) throws -> [GeoHit] {
        try store.read { txn in try geo.within(txn, of: center, radiusKm: radiusKm, limit: limit) }
    }

    func inBox(south: Double, west: Double, north: Double, east: Double) throws -> [GeoHit] {
        try store.read { txn in try geo.inBox(txn, south: south, west: west, north: north, east: east) }
    }

    func verify(expected: [ObjectID: GeoPoint]? = nil) throws -> [String] {
        try store.read { txn in try geo.verify(txn, expected: expected ?? model) }
    }

    /// Every point within `radiusKm`, by distance then id, at most `limit`: what `within` must return.
    func bruteWithin(_ center: GeoPoint, radiusKm: Double, limit: Int = .max) -> [GeoHit] {
        let hits = model.compactMap { id, point -> GeoHit? in
            let distance = center.distanceKm(to: point)
            return distance <= radiusKm ? GeoHit(id: id, point: point, distanceKm: distance) : nil
        }
        return Array(hits.sorted(by: nearestFirst).prefix(limit))
    }

    /// Every point in the box, read as its definition says (wrapping when west > east), by id.
    func bruteInBox(south: Double, west: Double, north: Double, east: Double) -> [GeoHit] {
        model.filter { _, point in
            let longitudeInside =
                west <= east
                ? point.longitude >= west && point.longitude <= east
                : point.longitude >= west || point.longitude <= east
            return point.latitude >= south && point.latitude <= north && longitudeInside
        }
        .map { GeoHit(id: $0.key, point: $0.value, distanceKm: 0) }
        .sorted { $0.id < $1.id }
    }

    /// The `limit` nearest points within `radiusKm` of the model's copy in memory whose number (their rank
    /// by id) `admits` takes, with the number the list handed out beside each.
    func nearestInMemory(
        _ center: GeoPoint, radiusKm: Double, limit: Int, admitting admits: (Int32) -> Bool = { _ in true }
    ) throws -> [(hit: GeoHit, number: Int32)] {
        let list = try inMemoryPoints().list
        var found: [(hit: GeoHit, number: Int32)] = []
        guard limit > 0 else { return [] }
        try list.forEachNearest(within: radiusKm, of: center) {
            admits(list.numbers[$0])
        } _: { hit, position in
            found.append((hit, list.numbers[position]))
            return found.count < limit
        }
        return found
    }

    func inMemoryPoints() throws -> (list: GeoPointList, ids: [ObjectID], numbers: [ObjectID: Int]) {
        if let inMemory { return inMemory }
        let ids = model.keys.sorted()
        let built = (
            list: try GeoPointList(ids.enumerated().map { (id: $1, point: model[$1]!, number: Int32($0)) }), ids: ids,
            numbers: Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        )
        inMemory = built
        return built
    }

    /// Expects `within`, and the same walk over the points in memory (`GeoPointList`), to equal the
    /// brute-force answer exactly: same ids, order, points and distances; and the walk in memory, passing
    /// over every third point by number, to equal the brute-force answer without them.
    func expectWithinMatchesBruteForce(
        _ center: GeoPoint, radiusKm: Double, limit: Int = .max, _ context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let found = try within(center, radiusKm: radiusKm, limit: limit)
        let expected = bruteWithin(center, radiusKm: radiusKm, limit: limit)
        let difference = firstDifference(found, expected)
        #expect(
            difference == nil,
            "\(context): within(\(center), \(radiusKm) km, limit \(limit)) found \(found.count), brute force \(expected.count): \(difference ?? "")",
            sourceLocation: sourceLocation)

        let (_, ids, numbers) = try inMemoryPoints()
        let inMemory = try nearestInMemory(center, radiusKm: radiusKm, limit: limit)
        #expect(
            inMemory.allSatisfy { ids[Int($0.number)] == $0.hit.id }, "\(context): a number that is not its point's", sourceLocation: sourceLocation)
        let memoryDifference = firstDifference(inMemory.map(\.hit), expected)
        #expect(memoryDifference == nil, "\(context): in memory: \(memoryDifference ?? "")", sourceLocation: sourceLocation)

        let admitted = try nearestInMemory(center, radiusKm: radiusKm, limit: limit) { $0 % 3 != 0 }.map(\.hit)
        let expectedAdmitted = bruteWithin(center, radiusKm: radiusKm).filter { numbers[$0.id]! % 3 != 0 }.prefix(limit)
        let admittedDifference = firstDifference(admitted, Array(expectedAdmitted))
        #expect(admittedDifference == nil, "\(context): in memory, admitting: \(admittedDifference ?? "")", sourceLocation: sourceLocation)

        try expectInOrderThenAnyOrder(center, radiusKm: radiusKm, inOrder: min(limit, 20), context, sourceLocation: sourceLocation)
    }

    /// Expects a walk that asks for `inOrder` points in order and then the rest in any order (`.anyOrder`),
    /// from the store and from memory, to hand out the brute-force answer's first points in its order and
    /// then the others, each once, with the same points and distances; and one that stops a few points after
    /// asking for any order to stop there.
    func expectInOrderThenAnyOrder(
        _ center: GeoPoint, radiusKm: Double, inOrder: Int, _ context: String, sourceLocation: SourceLocation
    ) throws {
        let expected = bruteWithin(center, radiusKm: radiusKm)
        let list = try inMemoryPoints().list
        for stopAfter in [Int.max, inOrder + 7] {
            func next(_ hits: [GeoHit]) -> VisitNext {
                hits.count >= stopAfter ? .stop : hits.count < inOrder ? .inOrder : .anyOrder
            }
            var fromStore: [GeoHit] = []
            try store.read { txn in
                try geo.forEachNearest(txn, within: radiusKm, of: center) { hit, _ in
                    fromStore.append(hit)
                    return next(fromStore)
                }
            }
            var fromMemory: [GeoHit] = []
            try list.forEachNearest(within: radiusKm, of: center) { hit, _ in
                fromMemory.append(hit)
                return next(fromMemory)
            }
            for (source, found) in [("store", fromStore), ("memory", fromMemory)] {
                let ordered = firstDifference(Array(found.prefix(inOrder)), Array(expected.prefix(inOrder)))
                #expect(ordered == nil, "\(context): \(source), the first \(inOrder) in order: \(ordered ?? "")", sourceLocation: sourceLocation)
                if stopAfter == .max {
                    let rest = firstDifference(found.sorted(by: nearestFirst), expected)
                    #expect(rest == nil, "\(context): \(source), then any order: \(rest ?? "")", sourceLocation: sourceLocation)
                } else {
                    let all = Set(expected)
                    #expect(
                        found.count == min(stopAfter, expected.count) && Set(found).count == found.count && found.allSatisfy(all.contains),
                        "\(context): \(source), stopped after \(stopAfter): \(found.count) points, \(Set(found).count) distinct",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }

    func expectBoxMatchesBruteForce(
        south: Double, west: Double, north: Double, east: Double, _ context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let found = try inBox(south: south, west: west, north: north, east: east)
        let expected = bruteInBox(south: south, west: west, north: north, east: east)
        let difference = firstDifference(found, expected)
        #expect(
            difference == nil,
            "\(context): inBox(\(south), \(west), \(north), \(east)) found \(found.count), brute force \(expected.count): \(difference ?? "")",
            sourceLocation: sourceLocation)
    }
}

/// Where two query results part, or nil when they are equal.
/// The order of a nearest-first walk: by distance, then id.
func nearestFirst(_ a: GeoHit, _ b: GeoHit) -> Bool { (a.distanceKm, a.id) < (b.distanceKm, b.id) }

func firstDifference(_ found: [GeoHit], _ expected: [GeoHit]) -> String? {
    for (index, (a, b)) in zip(found, expected).enumerated() where a != b {
        return "#\(index) is \(a.id) at \(a.point), \(a.distanceKm) km; expected \(b.id) at \(b.point), \(b.distanceKm) km"
    }
    if let extra = found.dropFirst(expected.count).first {
        return "extra \(extra.id) at \(extra.point), \(extra.distanceKm) km"
    }
    if let missing = expected.dropFirst(found.count).first {
        return "missing \(missing.id) at \(missing.point), \(missing.distanceKm) km"
    }
    return nil
}

// MARK: - Random points

extension SeededGenerator {
    /// A seed printed with the test's name, so a failure can be replayed by pasting it here.
    static func printingSeed(_ test: String) -> (SeededGenerator, UInt64) {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("\(test) seed: \(seed)")
        return (SeededGenerator(seed: seed), seed)
    }

    mutating func objectID() -> ObjectID {
        ObjectID(bytes: (0..<12).map { _ in UInt8.random(in: 0...255, using: &self) })!
    }

    /// Uniform over the sphere's surface, not over latitudes, so the poles are not crowded.
    mutating func pointWorldwide() -> GeoPoint {
        GeoPoint(
            latitude: Haversine.degrees(asin(Double.random(in: -1...1, using: &self))),
            longitude: Double.random(in: -180...180, using: &self))
    }

    /// A point within about `spreadKm` of `center`, denser near it, as hotels in a city.
    mutating func point(near center: GeoPoint, spreadKm: Double) -> GeoPoint {
        destination(
            from: center, bearingDegrees: Double.random(in: 0..<360, using: &self),
            distanceKm: spreadKm * Double.random(in: 0...1, using: &self) * Double.random(in: 0...1, using: &self))
    }

    /// Points on the edges that need care: the poles, both sides of the antimeridian, the equator and the
    /// prime meridian.
    mutating func pointOnEdge() -> GeoPoint {
        switch Int.random(in: 0..<6, using: &self) {
        case 0: GeoPoint(latitude: 90, longitude: Double.random(in: -180...180, using: &self))
        case 1: GeoPoint(latitude: -90, longitude: Double.random(in: -180...180, using: &self))
        case 2: GeoPoint(latitude: Double.random(in: -90...90, using: &self), longitude: 180)
        case 3: GeoPoint(latitude: Double.random(in: -90...90, using: &self), longitude: -180)
        case 4: GeoPoint(latitude: 0, longitude: Double.random(in: -180...180, using: &self))
        default: GeoPoint(latitude: Double.random(in: -90...90, using: &self), longitude: 0)
        }
    }
}

/// The point `distanceKm` from `start` along the great circle leaving at `bearingDegrees` (clockwise from
/// north), with its longitude brought back into -180…180.
func destination(from start: GeoPoint, bearingDegrees: Double, distanceKm: Double) -> GeoPoint {
    let angle = distanceKm / Haversine.earthRadiusKm
    let bearing = Haversine.radians(bearingDegrees)
    let latitude = Haversine.radians(start.latitude)
    let endLatitude = asin(min(1, max(-1, sin(latitude) * cos(angle) + cos(latitude) * sin(angle) * cos(bearing))))
    let endLongitude =
        Haversine.radians(start.longitude)
        + atan2(sin(bearing) * sin(angle) * cos(latitude), cos(angle) - sin(latitude) * sin(endLatitude))
    return GeoPoint(
        latitude: min(90, max(-90, Haversine.degrees(endLatitude))),
        longitude: wrappedLongitude(Haversine.degrees(endLongitude).truncatingRemainder(dividingBy: 360)))
}

/// `longitude` (within -540…540) brought back into -180…180.
func wrappedLongitude(_ longitude: Double) -> Double {
    longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude
}

// MARK: - A record with a geo index

/// A hotel with an optional location, to check the geo index through a collection and `Store.check()`.
struct GeoHotel: Record, Equatable {
    static let collectionName = "geo-hotels"
    static let indexes: [RecordIndex<GeoHotel>] = [.geo("location") { $0.location }]

    var id = ObjectID()
    var location: GeoPoint?

    func encode(to writer: inout RecordWriter) {
        writer.write(id)
        writer.writeOptional(location) { writer, point in
            writer.write(point.latitude)
            writer.write(point.longitude)
        }
    }

    init(from reader: inout RecordReader) throws {
        id = try reader.readObjectID()
        location = try reader.readOptional { reader in
            GeoPoint(latitude: try reader.readDouble(), longitude: try reader.readDouble())
        }
    }

    init(id: ObjectID = ObjectID(), location: GeoPoint?) {
        self.id = id
        self.location = location
    }
}

/// A shop whose geo entries carry its sign as their cover, to check that covers follow their records.
struct GeoShop: Record, Equatable {
    static let collectionName = "geo-shops"
    static let indexes: [RecordIndex<GeoShop>] = [.geo("location", cover: \.signBytes) { $0.location }]

    var signBytes: [UInt8] { Array(sign.utf8) }

    var id = ObjectID()
    var location: GeoPoint
    var sign: String

    func encode(to writer: inout RecordWriter) {
        writer.write(id)
        writer.write(location.latitude)
        writer.write(location.longitude)
        writer.write(sign)
    }

    init(from reader: inout RecordReader) throws {
        id = try reader.readObjectID()
        location = GeoPoint(latitude: try reader.readDouble(), longitude: try reader.readDouble())
        sign = try reader.readString()
    }

    init(id: ObjectID, location: GeoPoint, sign: String) {
        self.id = id
        self.location = location
        self.sign = sign
    }
}
