import BMSCore
import BMSStore
import Benchmark
import Foundation
import ListingDataSet
import Synchronization

// Listing search and the property page, in process, on peer-bench's data set: 100,000 properties and
// about 300,000 rooms over 10 Indian cities (ListingDataSet, seed 42), imported through
// `ListingService.importListings` into a real data file with the real schema, so every search index is
// the one `bms serve` uses. One iteration is one `listings.search(query)` (or one `listings.property`):
// a read transaction, the planner, the filters and the first page of 20, as a request handler calls it.
// Query parameters follow peer-bench's common.py (Q1–Q4), 1,000 per query, cycled.
//
// package-benchmark runs each benchmark in its own process. The data is built once into
// `$BMS_BENCH_DIR/bms-search-data-seed42-n100000` (default: the system temporary directory) and reused
// by later processes and runs as long as the benchmark executable is the same build; any rebuild (for
// instance after a change in BMSCore) rebuilds the data. Building takes a minute or two. Before timing,
// the first 20 parameter sets are answered by brute force over the generated listings and must match.
// The "(snapshot)" variants search with the search snapshot built first, as `bms serve` does (checked
// against brute force the same way); the others read the store's indexes.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.timeUnits = .microseconds

    searchBenchmark("Q1 city + price range + 2 amenities, by price, first 20", .q1)
    searchBenchmark("Q2 within 5 km + price cap, by distance, first 20", .q2)
    searchBenchmark("Q3 locality word + prefix word, first 20", .q3)
    searchBenchmark("Q1 city + price range + 2 amenities, by price, first 20 (snapshot)", .q1, snapshot: true)
    searchBenchmark("Q2 within 5 km + price cap, by distance, first 20 (snapshot)", .q2, snapshot: true)
    searchBenchmark("Q3 locality word + prefix word, first 20 (snapshot)", .q3, snapshot: true)
    ledgerBenchmark()

    Benchmark(
        "Q4 property with its rooms by id",
        configuration: .init(metrics: SearchFixture.metrics, warmupIterations: 1_000, maxDuration: .seconds(5), maxIterations: 200_000)
    ) { benchmark, fixture in
        let ids = fixture.propertyIDs
        var position = fixture.startPosition()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let details = try? fixture.listings.property(ids[position % ids.count], viewer: nil)
            position &+= 1
            precondition(details != nil, "a listed property was not found")
            blackHole(details)
        }
        benchmark.stopMeasurement()
        fixture.remember(position)
    } setup: {
        try await SearchFixture.open(checking: .q4)
    } teardown: {
        SearchFixture.closeCurrent()
    }
}

/// Registers the benchmark of one peer query: one search per iteration, cycling through its parameters.
private func searchBenchmark(_ name: String, _ kind: SearchFixture.Kind, snapshot: Bool = false) {
    Benchmark(
        name,
        configuration: .init(metrics: SearchFixture.metrics, warmupIterations: 50, maxDuration: .seconds(10), maxIterations: 50_000)
    ) { benchmark, fixture in
        let queries = fixture.queries[kind]!
        var position = fixture.startPosition()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let page = try? fixture.listings.search(queries[position % queries.count])
            position &+= 1
            precondition(page != nil, "a search failed")
            blackHole(page)
        }
        benchmark.stopMeasurement()
        fixture.remember(position)
    } setup: {
        try await SearchFixture.open(checking: kind, snapshot: snapshot)
    } teardown: {
        SearchFixture.closeCurrent()
    }
}

/// The data set's store, a listing service on it, and the parameters the benchmarks cycle through.
final class SearchFixture: @unchecked Sendable {
    // Safety: used by one benchmark at a time (package-benchmark runs a benchmark's setup, iterations
    // and teardown one after another); `position` is only touched between iterations.

    enum Kind: String, CaseIterable, Sendable {
        case q1 = "Q1"
        case q2 = "Q2"
        case q3 = "Q3"
        case q4 = "Q4"
    }

    static let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal]
    static let dataSet = ListingDataSet(seed: 42, properties: 100_000)
    /// Parameter sets per query.
    static let parameterCount = 1_000
    /// Parameter sets checked against brute force before timing.
    static let checkedCount = 20

    let store: Store
    let listings: ListingService
    let queries: [Kind: [SearchQuery]]
    let propertyIDs: [PropertyID]
    private var position = 0

    private static let current = Mutex<SearchFixture?>(nil)

    private init(store: Store, listings: ListingService, queries: [Kind: [SearchQuery]], propertyIDs: [PropertyID]) {
        self.store = store
        self.listings = listings
        self.queries = queries
        self.propertyIDs = propertyIDs
    }

    func startPosition() -> Int { position }
    func remember(_ position: Int) { self.position = position }

    static func parameters(_ kind: Kind) -> [SearchParameters] {
        let seed = dataSet.seed
        switch kind {
        case .q1: return PeerQueries.q1(count: parameterCount, seed: seed)
        case .q2: return PeerQueries.q2(count: parameterCount, seed: seed)
        case .q3: return PeerQueries.q3(count: parameterCount, seed: seed)
        case .q4: return []
        }
    }

    /// Opens (building if needed) the data set's store and checks the first parameter sets of `kind`,
    /// searching the search snapshot when `snapshot`.
    static func open(checking kind: Kind, snapshot: Bool = false) async throws -> SearchFixture {
        let base = ProcessInfo.processInfo.environment["BMS_BENCH_DIR"] ?? FileManager.default.temporaryDirectory.path
        let store = try await SearchDataStore.open(cached: dataSet, base: base, log: log)
        do {
            // Times searching the store, not the answer cache (the parameter sets repeat).
            let listings = try ListingService(
                store: store, publicURL: "http://127.0.0.1", searchCacheEntries: 0, searchSnapshot: snapshot ? .manual : .off)
            if snapshot { try listings.refreshSearchSnapshot() }
            let generated = Array(dataSet)
            var queries: [Kind: [SearchQuery]] = [:]
            for kind in [Kind.q1, .q2, .q3] { queries[kind] = try parameters(kind).map { try $0.query() } }
            let picks = PeerQueries.q4(count: parameterCount, seed: dataSet.seed, verified: generated.map { $0.property.verification == .verified })
            if kind == .q4 {
                try AnswerCheck.checkProperties(picks.prefix(checkedCount).map { generated[$0] }, with: listings)
                log("Q4: \(checkedCount) properties came back with their rooms")
            } else {
                let checked = Array(parameters(kind).prefix(checkedCount))
                let mean = try AnswerCheck(generated).check(checked, with: listings)
                let sources = try checked.map { parameters in
                    let page = try listings.search(parameters.query())
                    return page.servedBy + (page.readSnapshot ? " (snapshot)" : "")
                }
                log(
                    "\(kind.rawValue): \(checkedCount) searches agree with brute force; \(Int(mean)) matches on average; "
                        + "served by \(Set(sources).sorted())")
            }
            let fixture = SearchFixture(store: store, listings: listings, queries: queries, propertyIDs: picks.map { generated[$0].property.id })
            current.withLock { $0 = fixture }
            return fixture
        } catch {
            store.close()
            throw error
        }
    }

    static func closeCurrent() {
        guard
            let fixture = current.withLock({ value in
                defer { value = nil }
                return value
            })
        else { return }
        fixture.store.close()
    }

    private static func log(_ line: String) { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
}
