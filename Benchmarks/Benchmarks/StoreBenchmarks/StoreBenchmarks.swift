import BMSStore
import Benchmark
import Foundation
import Synchronization

// Store benchmarks on a real LMDB file in a temporary directory (on disk, never tmpfs: the write
// benchmarks measure durable commits). package-benchmark runs every benchmark in its own process, so
// each one builds the data it needs in `setup` and removes it in `teardown`; loading is not measured.
//
// The data set mirrors peer-bench's generate.py (10 Indian cities, points normally distributed around
// each city centre with σ = 6 km, prices Rs 4,000–25,000 in paise, the same localities, vocabulary and
// amenity odds), drawn from our own seeded generator, so the queries see the same shape of data as the
// PostgreSQL and SQLite runs in /work/shared/peer-bench, not the same rows.
//
// Set BMS_BENCH_DIR to put the data files elsewhere (default: the system temporary directory).

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.timeUnits = .microseconds

    let readMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal]

    // MARK: Reads

    Benchmark(
        "point get by id (100k properties)",
        configuration: .init(metrics: readMetrics, warmupIterations: 1_000, maxDuration: .seconds(5), maxIterations: 200_000)
    ) { benchmark, fixture in
        let (ids, properties) = (fixture.ids, fixture.plain!)
        var position = fixture.startPosition()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let id = ids[position % ids.count]
            position &+= 7_919  // a prime step: a different record each time, all over the file
            let property = try fixture.store.read { txn in try properties.get(txn, id) }
            precondition(property != nil, "a loaded id was not found")
            blackHole(property)
        }
        benchmark.stopMeasurement()
        fixture.remember(position)
    } setup: {
        try await ReadFixture.load(count: 100_000, withGeoIndex: false)
    } teardown: {
        ReadFixture.closeCurrent()
    }

    Benchmark(
        "index range scan (city, price) first 20 + records",
        configuration: .init(metrics: readMetrics, warmupIterations: 500, maxDuration: .seconds(5), maxIterations: 100_000)
    ) { benchmark, fixture in
        let (queries, properties) = (fixture.priceQueries, fixture.plain!)
        var position = fixture.startPosition()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let query = queries[position % queries.count]
            position &+= 1
            let page = try fixture.store.read { txn in
                let ids = try properties.ids(
                    txn, index: "cityPrice",
                    .between([.string(query.city), .int(query.low)], [.string(query.city), .int(query.high)]),
                    limit: 20)
                return try ids.map { id in try properties.get(txn, id)! }
            }
            blackHole(page)
        }
        benchmark.stopMeasurement()
        fixture.remember(position)
    } setup: {
        try await ReadFixture.load(count: 100_000, withGeoIndex: false)
    } teardown: {
        ReadFixture.closeCurrent()
    }

    Benchmark(
        "geo nearest 20 within 5 km (100k points, 10 cities)",
        configuration: .init(metrics: readMetrics, warmupIterations: 200, maxDuration: .seconds(10), maxIterations: 50_000)
    ) { benchmark, fixture in
        let centres = fixture.geoQueries
        var position = fixture.startPosition()
        let geo = try fixture.mapped!.geo("location")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let centre = centres[position % centres.count]
            position &+= 1
            let hits = try fixture.store.read { txn in try geo.within(txn, of: centre, radiusKm: 5, limit: 20) }
            blackHole(hits)
        }
        benchmark.stopMeasurement()
        fixture.remember(position)
    } setup: {
        try await ReadFixture.load(count: 100_000, withGeoIndex: true)
    } teardown: {
        ReadFixture.closeCurrent()
    }

    // MARK: Durable writes

    durableWriteBenchmark("durable writes, 1 writer (synced commit each)", writers: 1, writesPerWriter: 100)
    durableWriteBenchmark("durable writes, 64 concurrent writers (group commit)", writers: 64, writesPerWriter: 32)
}

/// Registers a durable-write benchmark; the single-writer and group-commit runs differ only in how many
/// writers share the store and how much each writes.
private func durableWriteBenchmark(_ name: String, writers: Int, writesPerWriter: Int) {
    Benchmark(
        name,
        configuration: .init(
            metrics: WriteMetrics.all, units: WriteMetrics.units, warmupIterations: 1,
            maxDuration: .seconds(10), maxIterations: 200)
    ) { benchmark, fixture in
        try await durableWrites(benchmark, fixture, writers: writers, writesPerWriter: writesPerWriter)
    } setup: {
        try WriteFixture.open()
    } teardown: {
        WriteFixture.closeCurrent()
    }
}

/// One iteration of a write benchmark: `writers` concurrent tasks, each inserting `writesPerWriter` small
/// records one at a time and awaiting each durable write before the next, as request handlers would.
/// The store folds whatever is queued into one synced commit, so with one writer every write is its own
/// commit. Records the iteration's writes per second and every write's latency.
func durableWrites(_ benchmark: Benchmark, _ fixture: WriteFixture, writers: Int, writesPerWriter: Int) async throws {
    let (store, bookings) = (fixture.store, fixture.bookings)
    let requests = (0..<writers).map { _ in (0..<writesPerWriter).map { _ in Booking.random(using: &fixture.random) } }
    let started = ContinuousClock.now
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for batch in requests {
            group.addTask {
                var latencies: [Duration] = []
                latencies.reserveCapacity(batch.count)
                for booking in batch {
                    let start = ContinuousClock.now
                    try await store.write { txn in try bookings.insert(txn, booking) }
                    latencies.append(start.duration(to: .now))
                }
                return latencies
            }
        }
        var all: [Duration] = []
        for try await latencies in group { all += latencies }
        return all
    }
    let elapsed = started.duration(to: .now)
    // Custom metrics are recorded from this task only: the recorder is not thread-safe.
    benchmark.measurement(WriteMetrics.writesPerSecond, Int((Double(writers * writesPerWriter) / elapsed.inSeconds).rounded()))
    for latency in latencies { benchmark.measurement(WriteMetrics.writeLatency, Int((latency.inSeconds * 1_000_000).rounded())) }
}

enum WriteMetrics {
    /// Durable single-record writes acknowledged per second, over one iteration.
    static let writesPerSecond = BenchmarkMetric.custom("durable writes/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Time from submitting one write to its durable acknowledgement, in microseconds.
    static let writeLatency = BenchmarkMetric.custom("write latency (us)", polarity: .prefersSmaller, useScalingFactor: false)
    static var all: [BenchmarkMetric] { [writesPerSecond, writeLatency] }
    /// Plain numbers: automatic units would print latencies in thousands of microseconds.
    static var units: [BenchmarkMetric: BenchmarkUnits] { [writesPerSecond: .count, writeLatency: .count] }
}

// MARK: - Records

/// A property-sized record (~700 bytes encoded): the fields a search result and a property page need.
struct PropertyFields: Sendable {
    var id: ObjectID
    var name: String
    var city: String
    var locality: String
    var description: String
    /// Minimum room rent in paise.
    var price: Int64
    var amenities: [String]
    var latitude: Double
    var longitude: Double
    var rating: Double
    var verified: Bool

    func encode(to writer: inout RecordWriter) {
        writer.write(UInt8(1))
        writer.write(id)
        writer.write(name)
        writer.write(city)
        writer.write(locality)
        writer.write(description)
        writer.write(price)
        writer.write(amenities)
        writer.write(latitude)
        writer.write(longitude)
        writer.write(rating)
        writer.write(verified)
    }

    init(from reader: inout RecordReader) throws {
        let version = try reader.readUInt8()
        guard version == 1 else { throw StoreError.corrupt(table: "properties", reason: "record version \(version)") }
        id = try reader.readObjectID()
        name = try reader.readString()
        city = try reader.readString()
        locality = try reader.readString()
        description = try reader.readString()
        price = try reader.readInt64()
        amenities = try reader.readStrings()
        latitude = try reader.readDouble()
        longitude = try reader.readDouble()
        rating = try reader.readDouble()
        verified = try reader.readBool()
    }

    init(
        id: ObjectID, name: String, city: String, locality: String, description: String, price: Int64,
        amenities: [String], latitude: Double, longitude: Double, rating: Double, verified: Bool
    ) {
        (self.id, self.name, self.city, self.locality, self.description) = (id, name, city, locality, description)
        (self.price, self.amenities, self.latitude, self.longitude) = (price, amenities, latitude, longitude)
        (self.rating, self.verified) = (rating, verified)
    }

    var location: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }
}

/// Properties with the `(city, price)` index only: the point-get and range-scan benchmarks.
struct Property: Record {
    static let collectionName = "properties"
    static let indexes: [RecordIndex<Property>] = [
        .secondary("cityPrice") { [.string($0.fields.city), .int($0.fields.price)] }
    ]
    var fields: PropertyFields
    var id: ObjectID { fields.id }
    func encode(to writer: inout RecordWriter) { fields.encode(to: &writer) }
    init(from reader: inout RecordReader) throws { fields = try PropertyFields(from: &reader) }
    init(_ fields: PropertyFields) { self.fields = fields }
}

/// The same properties with a geohash index as well: the geo benchmark. A separate type so that the
/// other read benchmarks do not depend on the geo index.
struct MappedProperty: Record {
    static let collectionName = "mapped_properties"
    static let indexes: [RecordIndex<MappedProperty>] = [
        .secondary("cityPrice") { [.string($0.fields.city), .int($0.fields.price)] },
        .geo("location") { $0.fields.location },
    ]
    var fields: PropertyFields
    var id: ObjectID { fields.id }
    func encode(to writer: inout RecordWriter) { fields.encode(to: &writer) }
    init(from reader: inout RecordReader) throws { fields = try PropertyFields(from: &reader) }
    init(_ fields: PropertyFields) { self.fields = fields }
}

/// A small record (~60 bytes) for the write benchmarks, with one secondary index like a booking's.
struct Booking: Record {
    static let collectionName = "bookings"
    static let indexes: [RecordIndex<Booking>] = [
        .secondary("roomNights") { [.id($0.roomID), .int($0.checkIn)] }
    ]
    var id: ObjectID
    var roomID: ObjectID
    var checkIn: Int64
    var nights: Int64
    var amount: Int64

    func encode(to writer: inout RecordWriter) {
        writer.write(UInt8(1))
        writer.write(id)
        writer.write(roomID)
        writer.write(checkIn)
        writer.write(nights)
        writer.write(amount)
    }

    init(from reader: inout RecordReader) throws {
        _ = try reader.readUInt8()
        id = try reader.readObjectID()
        roomID = try reader.readObjectID()
        checkIn = try reader.readInt64()
        nights = try reader.readInt64()
        amount = try reader.readInt64()
    }

    init(id: ObjectID, roomID: ObjectID, checkIn: Int64, nights: Int64, amount: Int64) {
        (self.id, self.roomID, self.checkIn, self.nights, self.amount) = (id, roomID, checkIn, nights, amount)
    }

    static func random(using random: inout SplitMix64) -> Booking {
        Booking(
            id: ObjectID(), roomID: rooms[Int(random.next() % UInt64(rooms.count))],
            checkIn: 20_820 + Int64(random.next() % 90), nights: 1 + Int64(random.next() % 14),
            amount: Int64(8 + random.next() % 43) * 50_000)
    }

    /// A fixed pool of room ids, as W1 books from a pool of rooms.
    static let rooms: [ObjectID] = (0..<20_000).map { _ in ObjectID() }
}

// MARK: - Fixtures

/// A store loaded with properties, and the parameters the read benchmarks cycle through.
final class ReadFixture: @unchecked Sendable {
    // Safety: used by one benchmark at a time (package-benchmark runs a benchmark's setup, iterations
    // and teardown one after another); `position` is only touched between iterations.
    let directory: URL
    let store: Store
    let ids: [ObjectID]
    let priceQueries: [PriceQuery]
    let geoQueries: [GeoPoint]
    private var position = 0

    private static let current = Mutex<ReadFixture?>(nil)

    /// Set when loaded without the geo index.
    let plain: RecordCollection<Property>?
    /// Set when loaded with the geo index.
    let mapped: RecordCollection<MappedProperty>?

    struct PriceQuery: Sendable {
        var city: String
        var low: Int64
        var high: Int64
    }

    private init(directory: URL, store: Store, ids: [ObjectID], priceQueries: [PriceQuery], geoQueries: [GeoPoint]) {
        self.directory = directory
        self.store = store
        self.ids = ids
        self.priceQueries = priceQueries
        self.geoQueries = geoQueries
        plain = try? RecordCollection<Property>(in: store)
        mapped = try? RecordCollection<MappedProperty>(in: store)
    }

    func startPosition() -> Int { position }
    func remember(_ position: Int) { self.position = position }

    /// Generates `count` properties and loads them in batches of 1,000 per write.
    static func load(count: Int, withGeoIndex: Bool) async throws -> ReadFixture {
        let directory = try makeDataDirectory("read")
        let collections: [any CollectionDescription] =
            withGeoIndex ? [CollectionSchema<MappedProperty>()] : [CollectionSchema<Property>()]
        let store = try Store.open(
            at: directory.path, options: StoreOptions(initialMapSize: 4 << 30),
            schema: Schema(version: 1, collections: collections))
        var random = SplitMix64(seed: 42)
        var ids: [ObjectID] = []
        ids.reserveCapacity(count)
        var encodedBytes = 0
        var points: [(id: ObjectID, point: GeoPoint)] = []
        let batchSize = 1_000
        for start in stride(from: 0, to: count, by: batchSize) {
            let batch = (start..<min(count, start + batchSize)).map { _ in PeerData.property(using: &random) }
            ids += batch.map(\.id)
            if withGeoIndex { points += batch.map { (id: $0.id, point: $0.location) } }
            for fields in batch.prefix(10) {
                var writer = RecordWriter(capacity: 1024)
                fields.encode(to: &writer)
                encodedBytes += writer.bytes.count
            }
            if withGeoIndex {
                let collection = try RecordCollection<MappedProperty>(in: store)
                try await store.write { txn in for fields in batch { try collection.insert(txn, MappedProperty(fields)) } }
            } else {
                let collection = try RecordCollection<Property>(in: store)
                try await store.write { txn in for fields in batch { try collection.insert(txn, Property(fields)) } }
            }
        }
        let sampled = (count + batchSize - 1) / batchSize * 10
        FileHandle.standardError.write(
            "loaded \(count) properties (≈\(encodedBytes / max(1, sampled)) bytes each) into \(directory.path)\n".data(using: .utf8)!)
        var queryRandom = SplitMix64(seed: 4242)
        let fixture = ReadFixture(
            directory: directory, store: store, ids: ids,
            priceQueries: (0..<10_000).map { _ in PeerData.priceQuery(using: &queryRandom) },
            geoQueries: (0..<10_000).map { _ in PeerData.geoQuery(using: &queryRandom) })
        current.withLock { $0 = fixture }
        if withGeoIndex { try fixture.checkGeoAnswers(points: points) }
        return fixture
    }

    static func closeCurrent() {
        guard
            let fixture = current.withLock({ value in
                defer { value = nil }
                return value
            })
        else { return }
        fixture.store.close()
        try? FileManager.default.removeItem(at: fixture.directory)
    }

    /// A benchmark of wrong answers measures nothing: the first 20 geo queries must return exactly what a
    /// brute-force scan of every point returns (within 5 km, nearest first, ties by id, at most 20).
    private func checkGeoAnswers(points: [(id: ObjectID, point: GeoPoint)]) throws {
        let geo = try mapped!.geo("location")
        var hitCount = 0
        for centre in geoQueries.prefix(20) {
            let found = try store.read { txn in try geo.within(txn, of: centre, radiusKm: 5, limit: 20) }
            let expected = points.lazy
                .map { (id: $0.id, distance: centre.distanceKm(to: $0.point)) }
                .filter { $0.distance <= 5 }
                .sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
                .prefix(20)
            guard found.map(\.id) == expected.map(\.id) else {
                throw BenchmarkSetupError("geo query at \(centre) returned \(found.count) hits that differ from brute force (\(expected.count))")
            }
            hitCount += found.count
        }
        FileHandle.standardError.write("geo answers match brute force (20 queries, \(hitCount / 20) hits on average)\n".data(using: .utf8)!)
    }
}

struct BenchmarkSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An empty store for the write benchmarks.
final class WriteFixture: @unchecked Sendable {
    // Safety: as for ReadFixture; `random` is used only by the benchmark's own task between writes.
    let directory: URL
    let store: Store
    let bookings: RecordCollection<Booking>
    var random = SplitMix64(seed: 7)

    private static let current = Mutex<WriteFixture?>(nil)

    private init(directory: URL, store: Store) throws {
        self.directory = directory
        self.store = store
        self.bookings = try RecordCollection<Booking>(in: store)
    }

    static func open() throws -> WriteFixture {
        let directory = try makeDataDirectory("write")
        let store = try Store.open(
            at: directory.path, options: StoreOptions(initialMapSize: 1 << 30),
            schema: Schema(version: 1, collections: [CollectionSchema<Booking>()]))
        let fixture = try WriteFixture(directory: directory, store: store)
        current.withLock { $0 = fixture }
        return fixture
    }

    static func closeCurrent() {
        guard
            let fixture = current.withLock({ value in
                defer { value = nil }
                return value
            })
        else { return }
        fixture.store.close()
        try? FileManager.default.removeItem(at: fixture.directory)
    }
}

private func makeDataDirectory(_ kind: String) throws -> URL {
    let base =
        ProcessInfo.processInfo.environment["BMS_BENCH_DIR"].map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory
    let directory = base.appendingPathComponent("bms-bench-\(kind)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

// MARK: - Data like peer-bench's generate.py

enum PeerData {
    static let cities: [(name: String, latitude: Double, longitude: Double)] = [
        ("Bengaluru", 12.9716, 77.5946), ("Mumbai", 19.0760, 72.8777), ("Delhi", 28.6139, 77.2090),
        ("Hyderabad", 17.3850, 78.4867), ("Chennai", 13.0827, 80.2707), ("Pune", 18.5204, 73.8567),
        ("Kolkata", 22.5726, 88.3639), ("Ahmedabad", 23.0225, 72.5714), ("Jaipur", 26.9124, 75.7873),
        ("Kochi", 9.9312, 76.2673),
    ]

    static let localities: [[String]] = [
        ["Koramangala", "Indiranagar", "Whitefield", "Marathahalli", "Jayanagar", "Hebbal", "Bellandur", "Yelahanka"],
        ["Andheri", "Bandra", "Powai", "Goregaon", "Malad", "Borivali", "Thane", "Chembur"],
        ["Dwarka", "Rohini", "Saket", "Lajpat Nagar", "Karol Bagh", "Janakpuri", "Pitampura", "Mukherjee Nagar"],
        ["Gachibowli", "Madhapur", "Kondapur", "Ameerpet", "Kukatpally", "Begumpet", "Miyapur", "Banjara Hills"],
        ["Adyar", "Velachery", "Tambaram", "Guindy", "Porur", "Nungambakkam", "Sholinganallur", "Mylapore"],
        ["Hinjewadi", "Kothrud", "Baner", "Wakad", "Viman Nagar", "Hadapsar", "Aundh", "Kharadi"],
        ["Salt Lake", "Howrah", "Ballygunge", "Dumdum", "Behala", "Garia", "Rajarhat", "Tollygunge"],
        ["Navrangpura", "Satellite", "Bopal", "Maninagar", "Vastrapur", "Thaltej", "Paldi", "Chandkheda"],
        ["Malviya Nagar", "Vaishali Nagar", "Mansarovar", "Tonk Road", "Sodala", "Jagatpura", "Raja Park", "Bani Park"],
        ["Kakkanad", "Edappally", "Vyttila", "Kaloor", "Palarivattom", "Fort Kochi", "Aluva", "Thrikkakara"],
    ]

    static let vocabulary = [
        "spacious", "furnished", "unfurnished", "near", "metro", "station", "college", "campus", "tech", "park",
        "quiet", "friendly", "homely", "food", "girls", "boys", "coliving", "premium", "budget", "balcony",
        "attached", "bathroom", "private", "shared", "sunny", "modern", "secure", "students", "professionals",
        "hospital", "market", "mall", "airport", "bus", "stop", "garden", "terrace", "kitchen", "vegetarian",
        "nonvegetarian", "laundry", "cleaning", "daily", "weekly", "monthly", "rent", "deposit", "walking",
        "distance", "office", "hub", "itpark", "lift", "furniture", "wardrobe", "study", "table", "cozy",
        "bright", "ventilated",
    ]

    static let nameA = [
        "Sunrise", "Green", "Royal", "Comfort", "Happy", "Cozy", "Urban", "Elite", "Star", "Lotus", "Silver",
        "Golden", "Sai", "Shree", "Blue", "Zen", "Nest", "Stanza", "Zolo", "Maple",
    ]
    static let nameB = ["PG", "Paying Guest", "Residency", "Stay", "Hostel", "Dorms", "Apartments", "Homes"]

    static let amenities: [(name: String, probability: Double)] = [
        ("wifi", 0.9), ("meals", 0.6), ("ac", 0.45), ("laundry", 0.55), ("parking", 0.35), ("gym", 0.15),
        ("power-backup", 0.6), ("cctv", 0.5), ("housekeeping", 0.4), ("hot-water", 0.7),
    ]

    static let kmPerDegreeLatitude = 111.32
    static let sigmaKm = 6.0

    /// One property: a uniformly chosen city, a point ~N(centre, 6 km), the minimum of 1–5 room prices
    /// (Rs 4,000–25,000 in steps of Rs 500, in paise), and a description long enough for a ~700-byte
    /// record (generate.py's are shorter; DESIGN.md measures 750-byte property records).
    static func property(using random: inout SplitMix64) -> PropertyFields {
        let cityIndex = random.index(cities.count)
        let city = cities[cityIndex]
        let locality = localities[cityIndex][random.index(8)]
        let (dLat, dLng) = (random.gaussian() * sigmaKm, random.gaussian() * sigmaKm)
        var words: [String] = []
        var length = 0
        while length < 560 {
            let word = vocabulary[random.index(vocabulary.count)]
            words.append(word)
            length += word.utf8.count + 1
        }
        words.insert(locality.lowercased(), at: random.index(words.count + 1))
        let rooms = 1 + random.index(5)
        let price = (0..<rooms).map { _ in Int64(8 + random.index(43)) * 50_000 }.min()!
        return PropertyFields(
            id: ObjectID(),
            name: "\(nameA[random.index(nameA.count)]) \(nameB[random.index(nameB.count)]) \(locality)",
            city: city.name,
            locality: locality,
            description: words.joined(separator: " "),
            price: price,
            amenities: amenities.filter { random.unit() < $0.probability }.map(\.name),
            latitude: city.latitude + dLat / kmPerDegreeLatitude,
            longitude: city.longitude + dLng / (kmPerDegreeLatitude * cos(city.latitude * .pi / 180)),
            rating: min(5, max(0, 3.8 + 0.8 * random.gaussian())),
            verified: random.unit() < 0.85)
    }

    /// peer-bench Q1's price window: a city, low = Rs 4,000–15,000, high = low + Rs 2,000–8,000.
    static func priceQuery(using random: inout SplitMix64) -> ReadFixture.PriceQuery {
        let city = cities[random.index(cities.count)].name
        let low = Int64(8 + random.index(23)) * 50_000
        return ReadFixture.PriceQuery(city: city, low: low, high: low + Int64(4 + random.index(13)) * 50_000)
    }

    /// peer-bench Q2's centres: a city centre moved by ~N(0, 3 km) in each direction.
    static func geoQuery(using random: inout SplitMix64) -> GeoPoint {
        let city = cities[random.index(cities.count)]
        let (dLat, dLng) = (random.gaussian() * 3, random.gaussian() * 3)
        return GeoPoint(
            latitude: city.latitude + dLat / kmPerDegreeLatitude,
            longitude: city.longitude + dLng / (kmPerDegreeLatitude * cos(city.latitude * .pi / 180)))
    }
}

/// A small, fast, seeded generator (SplitMix64), so every run loads the same data.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<count.
    mutating func index(_ count: Int) -> Int { Int(next() % UInt64(count)) }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Standard normal (Box–Muller).
    mutating func gaussian() -> Double {
        let u = max(unit(), .leastNonzeroMagnitude)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * unit())
    }
}

extension Duration {
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
