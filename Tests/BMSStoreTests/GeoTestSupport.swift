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
    private(set) var model: [ObjectID: GeoPoint] = [:]

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
        return Array(hits.sorted { ($0.distanceKm, $0.id) < ($1.distanceKm, $1.id) }.prefix(limit))
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

    /// Expects `within` to equal the brute-force answer exactly: same ids, order, points and distances.
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
