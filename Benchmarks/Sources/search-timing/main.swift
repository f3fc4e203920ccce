import BMSCore
import BMSStore
import Foundation
import ListingDataSet

// search-timing: runs peer-bench's searches (Q1–Q3) against a data directory written by make-search-data,
// one after another for a fixed number of searches each, and prints p50/p99 per query and the index each
// was served by. Made for quick before/after checks and for profiling a single query under perf or
// callgrind; the reference figures come from SearchBenchmarks (package-benchmark).
//
//   search-timing --data DIR [--seed 42] [--only Q1|Q2|Q3] [--searches 2000]

let usage = "usage: search-timing --data DIR [--seed S] [--only Q1|Q2|Q3] [--searches N]"

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
    case "--data", "--seed", "--only", "--searches":
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        options[argument] = value
    default: fail("unknown argument \(argument)")
    }
}
guard let data = options["--data"] else { fail("--data is required") }
guard SearchDataStore.summary(in: data) != nil else { fail("\(data) holds no finished make-search-data output") }
guard let seed = UInt64(options["--seed"] ?? "42") else { fail("--seed must be a non-negative integer") }
guard let searches = Int(options["--searches"] ?? "2000"), searches > 0 else { fail("--searches must be a positive integer") }
let kinds: [(String, [SearchParameters])] = [
    ("Q1", PeerQueries.q1(count: 1_000, seed: seed)), ("Q2", PeerQueries.q2(count: 1_000, seed: seed)),
    ("Q3", PeerQueries.q3(count: 1_000, seed: seed)),
].filter { kind in options["--only"].map { $0 == kind.0 } ?? true }
guard !kinds.isEmpty else { fail("--only must be Q1, Q2 or Q3") }

do {
    let store = try SearchDataStore.open(data)
    defer { store.close() }
    let listings = try ListingService(store: store, publicURL: "http://127.0.0.1")
    let clock = ContinuousClock()
    for (name, parameters) in kinds {
        let queries = try parameters.map { try $0.query() }
        var micros: [Double] = []
        micros.reserveCapacity(searches)
        var served: Set<String> = []
        var exact = 0
        for index in 0..<searches {
            let started = clock.now
            let page = try listings.search(queries[index % queries.count])
            let elapsed = started.duration(to: clock.now)
            micros.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            served.insert(page.servedBy)
            if page.totalIsExact { exact += 1 }
        }
        micros.sort()
        func percentile(_ p: Double) -> String { String(format: "%.0f µs", micros[min(micros.count - 1, Int(Double(micros.count) * p))]) }
        print("\(name): p50 \(percentile(0.5)), p99 \(percentile(0.99)), max \(percentile(1)); \(searches) searches, exact totals \(exact), served by \(served.sorted())")
    }
} catch {
    fail("\(error)")
}
