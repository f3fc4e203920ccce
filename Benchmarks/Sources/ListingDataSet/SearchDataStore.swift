import BMSCore
import BMSStore
import Foundation

/// Writing a `ListingDataSet` into a BookMySleep data directory, and keeping one built copy around so
/// that benchmark processes (package-benchmark starts one per benchmark) load it once.
public enum SearchDataStore {
    /// What `build` wrote.
    public struct Summary: Codable, Sendable, Equatable {
        public var seed: UInt64
        public var properties: Int
        public var rooms: Int
        /// Whatever identifies the code that built it (see `open(cached:)`); empty when not cached.
        public var fingerprint: String
        public var seconds: Double
    }

    /// Listings per `importListings` call: one write transaction each.
    public static let batchSize = 1_000
    /// Written last by `build`, so that a half-built directory is never taken for a finished one.
    public static let summaryFile = "bms-search-data.json"

    /// Opens a BookMySleep store at `directory` (created if missing) with the real schema.
    public static func open(_ directory: String) throws -> Store {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try Store.open(at: directory, options: StoreOptions(), schema: BookMySleepSchema.current)
    }

    /// Imports every listing of `dataSet` into a new data directory, `batchSize` per write, and closes it.
    /// - Parameters:
    ///   - directory: must not hold a data file yet.
    ///   - fingerprint: recorded in the summary file.
    ///   - progress: called after each batch with the number of properties written so far.
    public static func build(
        _ dataSet: ListingDataSet, into directory: String, fingerprint: String = "", progress: (Int) -> Void = { _ in }
    ) async throws -> Summary {
        guard !FileManager.default.fileExists(atPath: directory + "/data.mdb") else {
            throw DataSetError("\(directory) already holds a data file; remove it or choose another directory")
        }
        let started = ContinuousClock.now
        let store = try open(directory)
        defer { store.close() }
        let listings = try ListingService(store: store, publicURL: "http://127.0.0.1")
        var batch: [(property: Property, rooms: [Room])] = []
        batch.reserveCapacity(batchSize)
        var (properties, rooms) = (0, 0)
        for listing in dataSet {
            batch.append((listing.property, listing.rooms))
            rooms += listing.rooms.count
            if batch.count == batchSize {
                try await listings.importListings(batch)
                properties += batch.count
                batch.removeAll(keepingCapacity: true)
                progress(properties)
            }
        }
        if !batch.isEmpty {
            try await listings.importListings(batch)
            properties += batch.count
            progress(properties)
        }
        let elapsed = started.duration(to: .now)
        let summary = Summary(
            seed: dataSet.seed, properties: properties, rooms: rooms, fingerprint: fingerprint,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(summary).write(to: URL(fileURLWithPath: directory + "/" + summaryFile), options: .atomic)
        return summary
    }

    /// The summary `build` left in `directory`, if it finished.
    public static func summary(in directory: String) -> Summary? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + summaryFile) else { return nil }
        return try? JSONDecoder().decode(Summary.self, from: data)
    }

    /// A store holding `dataSet`, built by this very executable: reused from
    /// `<base>/bms-search-data-seed<seed>-n<count>` when its summary matches (same seed, size and
    /// executable, see `executableFingerprint`), else rebuilt there from scratch. A rebuilt copy replaces
    /// the old one, so at most one copy per seed and size stays on disk (about 520 MB for 100,000).
    /// - Parameter base: `BMS_BENCH_DIR`, or the system temporary directory.
    public static func open(cached dataSet: ListingDataSet, base: String, log: (String) -> Void) async throws -> Store {
        let directory = "\(base)/bms-search-data-seed\(dataSet.seed)-n\(dataSet.propertyCount)"
        let fingerprint = executableFingerprint()
        if let summary = summary(in: directory), summary.seed == dataSet.seed, summary.properties == dataSet.propertyCount,
            summary.fingerprint == fingerprint
        {
            log("reusing \(directory) (\(summary.properties) properties, \(summary.rooms) rooms, built in \(Int(summary.seconds)) s)")
            return try open(directory)
        }
        try? FileManager.default.removeItem(atPath: directory)
        log("building \(dataSet.propertyCount) properties into \(directory) …")
        let summary = try await build(dataSet, into: directory, fingerprint: fingerprint) { count in
            if count % 20_000 == 0 { log("  \(count) properties") }
        }
        log("built \(summary.properties) properties, \(summary.rooms) rooms in \(Int(summary.seconds)) s")
        return try open(directory)
    }

    /// The running executable's size and modification time: it changes whenever the executable is
    /// relinked, i.e. whenever BMSCore or BMSStore (whose record formats and indexes the data depends on)
    /// may have changed.
    public static func executableFingerprint() -> String {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let candidates = [path, CommandLine.arguments[0]]
        for candidate in candidates {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: candidate),
                let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
            {
                return "\(candidate) \(size) \(modified.timeIntervalSince1970)"
            }
        }
        return "unknown \(UUID())"  // never matches: always rebuild
    }
}

public struct DataSetError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
