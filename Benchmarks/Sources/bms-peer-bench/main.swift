import BMSCore
import BMSStore
import Foundation
import ListingDataSet

// bms-peer-bench: bms's side of the three-engine benchmark (Benchmarks/peers/run.sh).
//
//   bms-peer-bench prepare --out DIR [--properties 100000] [--seed 42] [--queries 1100] [--bookings 400000]
//       generates the data set once; writes DIR/bms (a data directory for `bms serve`) and DIR/export
//       (properties.jsonl, rooms.jsonl, queries.jsonl, w1.jsonl) for PostgreSQL, SQLite and the HTTP client
//   bms-peer-bench run --bms DIR --export DIR --out FILE [--warmup 100] [--reps 1000] [--sample 20]
//                      [--w1-clients 64] [--w1-seconds 20]
//       Q1–Q4 and W1 in process through BMSCore on the data directory DIR (W1 adds bookings to it), results
//       as JSON in FILE

let usage = """
    usage: bms-peer-bench prepare --out DIR [--properties N] [--seed S] [--queries N] [--bookings N]
           bms-peer-bench run --bms DIR --export DIR --out FILE [--warmup N] [--reps N] [--sample N] [--w1-clients N] [--w1-seconds S]
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bms-peer-bench: \(message)\n\(usage)\n".utf8))
    exit(2)
}

func log(_ line: String) { FileHandle.standardError.write(Data("\(line)\n".utf8)) }

/// `--name value` pairs; every name must be in `allowed`.
func options(_ arguments: ArraySlice<String>, allowed: Set<String>) -> [String: String] {
    var arguments = arguments
    var values: [String: String] = [:]
    while let name = arguments.popFirst() {
        guard allowed.contains(name) else { fail("unknown argument \(name)") }
        guard let value = arguments.popFirst() else { fail("\(name) needs a value") }
        values[name] = value
    }
    return values
}

func positive(_ values: [String: String], _ name: String, default fallback: Int) -> Int {
    guard let value = Int(values[name] ?? "\(fallback)"), value > 0 else { fail("\(name) must be a positive integer") }
    return value
}

func required(_ values: [String: String], _ name: String) -> String {
    guard let value = values[name] else { fail("\(name) is required") }
    return value
}

func prepare(_ values: [String: String]) async throws {
    let out = required(values, "--out")
    guard let seed = UInt64(values["--seed"] ?? "42") else { fail("--seed must be a non-negative integer") }
    let dataSet = ListingDataSet(seed: seed, properties: positive(values, "--properties", default: 100_000))
    let summary = try await SearchDataStore.build(dataSet, into: out + "/bms") { count in
        if count % 20_000 == 0 || count == dataSet.propertyCount { log("  bms: \(count) / \(dataSet.propertyCount) properties") }
    }
    log("bms: \(summary.properties) properties, \(summary.rooms) rooms in \(String(format: "%.1f", summary.seconds)) s")
    try PeerExport.write(
        Array(dataSet), seed: seed, queries: positive(values, "--queries", default: 1_100),
        bookings: positive(values, "--bookings", default: 400_000), into: out + "/export")
    log("export: \(out)/export/{properties,rooms,queries,w1}.jsonl")
}

func run(_ values: [String: String]) async throws {
    let (directory, export, out) = (required(values, "--bms"), required(values, "--export"), required(values, "--out"))
    let store = try SearchDataStore.open(directory)
    defer { store.close() }
    // Measures searching the store, as the other engines are measured, not the answer cache.
    let listings = try ListingService(store: store, publicURL: "http://127.0.0.1", searchCacheEntries: 0)
    let queryRun = QueryRun(
        listings: listings, warmup: positive(values, "--warmup", default: 100), reps: positive(values, "--reps", default: 1_000),
        sample: positive(values, "--sample", default: 20))
    let lines = try PeerExport.read(PeerExport.QueryLine.self, from: export + "/queries.jsonl")
    var queries: [String: QueryRun.Result] = [:]
    for kind in ["Q1", "Q2", "Q3", "Q4"] {
        let result = try queryRun.run(kind, lines.filter { $0.kind == kind })
        log("bms in process \(kind): p50 \(result.latency.p50) ms, p99 \(result.latency.p99) ms, \(result.averageRows) rows")
        queries[kind] = result
    }
    guard let seconds = Double(values["--w1-seconds"] ?? "20"), seconds > 0 else { fail("--w1-seconds must be a positive number") }
    let bookingRun = BookingRun(store: store, clients: positive(values, "--w1-clients", default: 64), seconds: seconds)
    let w1 = try await bookingRun.run(try PeerExport.read(PeerExport.BookingLine.self, from: export + "/w1.jsonl"), log: log)
    log("bms in process W1: \(w1.bookedPerSecond) booked/s, \(w1.overbooking.violations) overbooked room-nights")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(EngineResult(engine: "bms-inprocess", queries: queries, w1: w1)).write(to: URL(fileURLWithPath: out))
}

/// The file Benchmarks/peers/py/report.py reads, one per engine.
struct EngineResult: Encodable {
    var engine: String
    var queries: [String: QueryRun.Result]
    var w1: BookingRun.Result

    enum CodingKeys: String, CodingKey {
        case engine, queries
        case w1 = "W1"
    }
}

let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "prepare": try await prepare(options(arguments.dropFirst(), allowed: ["--out", "--properties", "--seed", "--queries", "--bookings"]))
    case "run":
        try await run(
            options(
                arguments.dropFirst(), allowed: ["--bms", "--export", "--out", "--warmup", "--reps", "--sample", "--w1-clients", "--w1-seconds"]))
    case "--help", "-h": print(usage)
    default: fail("expected prepare or run")
    }
} catch {
    log("bms-peer-bench: \(error)")
    exit(1)
}
