import BMSCore
import BMSStore
import Foundation
import ListingDataSet

// search-timing: runs peer-bench's searches (Q1–Q3) and property reads (Q4) against a data directory
// written by make-search-data, one after another for a fixed number of calls each, and prints p50/p99 per
// query and the index each search was served by. Made for quick before/after checks and for profiling a single query under perf or
// callgrind; the reference figures come from SearchBenchmarks (package-benchmark).
//
//   search-timing --data DIR [--seed 42] [--only Q1|Q2|Q3|Q4] [--searches 2000] [--slowest 0] [--dates] [--snapshot]
//
// Prints wall-clock and CPU-time percentiles per query (CPU: this thread's, without the time other
// processes hold the core). --slowest N also prints the N parameter sets whose search took the most CPU
// time, with their total ("+" when not exact): the tail's queries, to profile one of them alone. Q4 reads
// the property pages of peer-bench's draw of verified properties, regenerated from the data set's seed.
// --dates adds a stay to every search (`from` a week after today, `to` 30 nights later), as a seeker
// searching with move-in dates does: each candidate's rooms are then checked in the bed ledger.
// --snapshot builds the search snapshot first (as the server keeps it) and times searches reading it;
// without it, every search reads the store's indexes.

let usage = "usage: search-timing --data DIR [--seed S] [--only Q1|Q2|Q3|Q4] [--searches N] [--slowest N] [--dates] [--snapshot]"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("search-timing: \(message)\n\(usage)\n".utf8))
    exit(2)
}

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--help", "-h":
        print(usage)
        exit(0)
    case "--dates", "--snapshot": options[argument] = ""
    case "--data", "--seed", "--only", "--searches", "--slowest":
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        options[argument] = value
    default: fail("unknown argument \(argument)")
    }
}
guard let data = options["--data"] else { fail("--data is required") }
guard let summary = SearchDataStore.summary(in: data) else { fail("\(data) holds no finished make-search-data output") }
guard let seed = UInt64(options["--seed"] ?? "42") else { fail("--seed must be a non-negative integer") }
guard let searches = Int(options["--searches"] ?? "2000"), searches > 0 else { fail("--searches must be a positive integer") }
guard let slowest = Int(options["--slowest"] ?? "0"), slowest >= 0 else { fail("--slowest must be a non-negative integer") }
let kinds: [(String, [SearchParameters])] = [
    ("Q1", PeerQueries.q1(count: 1_000, seed: seed)), ("Q2", PeerQueries.q2(count: 1_000, seed: seed)),
    ("Q3", PeerQueries.q3(count: 1_000, seed: seed)),
].filter { kind in options["--only"].map { $0 == kind.0 } ?? true }.map { name, parameters in
    guard options["--dates"] != nil else { return (name, parameters) }
    let from = CalendarDate(Date(), inZone: "Asia/Kolkata").adding(days: 7)
    let stay = [(name: "from", value: from.description), (name: "to", value: from.adding(days: 30).description)]
    return (name, parameters.map { SearchParameters($0.items + stay) })
}
let readsProperties = options["--only"].map { $0 == "Q4" } ?? true
guard !kinds.isEmpty || readsProperties else { fail("--only must be Q1, Q2, Q3 or Q4") }

/// This thread's CPU time in µs: unlike the wall clock, it leaves out the time other processes hold the
/// core, so on a shared machine the CPU percentiles stay comparable between runs when the wall ones do not.
func threadCPUMicros() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e6 + Double(spec.tv_nsec) / 1e3
}

func percentiles(_ values: [Double]) -> String {
    let sorted = values.sorted()
    func at(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    return String(format: "p50 %.0f µs, p99 %.0f µs, max %.0f µs", at(0.5), at(0.99), at(1))
}

/// Runs `body` `count` times (with the call's index) and returns each call's wall-clock and CPU µs.
func timed(_ count: Int, _ body: (Int) throws -> Void) rethrows -> (wall: [Double], cpu: [Double]) {
    let clock = ContinuousClock()
    var (wall, cpu) = ([Double](), [Double]())
    wall.reserveCapacity(count)
    cpu.reserveCapacity(count)
    for index in 0..<count {
        let (started, startedCPU) = (clock.now, threadCPUMicros())
        try body(index)
        cpu.append(threadCPUMicros() - startedCPU)
        let elapsed = started.duration(to: clock.now)
        wall.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    }
    return (wall, cpu)
}

do {
    let store = try SearchDataStore.open(data)
    defer { store.close() }
    // Times searching the store, not the answer cache (each query set repeats its parameters).
    let listings = try ListingService(
        store: store, publicURL: "http://127.0.0.1", searchCacheEntries: 0, searchSnapshot: options["--snapshot"] == nil ? .off : .manual)
    if options["--snapshot"] != nil {
        let started = ContinuousClock.now
        try listings.refreshSearchSnapshot()
        print("search snapshot built in \(ContinuousClock.now - started)")
    }
    for (name, parameters) in kinds {
        let queries = try parameters.map { try $0.query() }
        var pages: [SearchPage] = []
        pages.reserveCapacity(searches)
        let (wall, cpu) = try timed(searches) { index in pages.append(try listings.search(queries[index % queries.count])) }
        let served = Set(pages.map { $0.servedBy + ($0.readSnapshot ? " (snapshot)" : "") })
        let exact = pages.filter(\.totalIsExact).count
        // The most CPU time seen per parameter set, with that set's total: what --slowest prints.
        var longest = [(micros: Double, total: Int, exact: Bool)](repeating: (0, 0, false), count: queries.count)
        for (index, page) in pages.enumerated() where cpu[index] > longest[index % queries.count].micros {
            longest[index % queries.count] = (cpu[index], page.total, page.totalIsExact)
        }
        print(
            "\(name): wall \(percentiles(wall)); CPU \(percentiles(cpu)); \(searches) searches, exact totals \(exact), served by \(served.sorted())")
        for (index, worst) in longest.enumerated().sorted(by: { $0.element.micros > $1.element.micros }).prefix(slowest) {
            print(String(format: "  %.0f µs CPU, total %d%@: %@", worst.micros, worst.total, worst.exact ? "" : "+", parameters[index].description))
        }
    }
    if readsProperties {
        let generated = Array(ListingDataSet(seed: summary.seed, properties: summary.properties))
        let ids = PeerQueries.q4(count: 1_000, seed: seed, verified: generated.map { $0.property.verification == .verified })
            .map { generated[$0].property.id }
        var rooms = 0
        let (wall, cpu) = try timed(searches) { index in rooms += try listings.property(ids[index % ids.count], viewer: nil)?.rooms.count ?? 0 }
        print("Q4: wall \(percentiles(wall)); CPU \(percentiles(cpu)); \(searches) property pages, \(rooms) rooms")
    }
} catch {
    fail("\(error)")
}
