import BMSCore
import BMSStore
import Foundation
import ListingDataSet

// make-search-data: writes peer-bench's listing data set (ListingDataSet) into a new BookMySleep data
// directory that `bms serve --data DIR` can open, and optionally the request paths of the peer queries
// for load tests.
//
//   make-search-data --out DIR [--properties 100000] [--seed 42] [--paths DIR] [--queries 200] [--check]
//
//   --out DIR        the data directory to create (must not hold a data file yet)
//   --properties N   properties to generate (about 3 rooms each)
//   --seed S         the data set's and the queries' seed
//   --paths DIR      also write q1.txt, q2.txt, q3.txt (search request paths, one per line) and q4.txt
//                    (/api/properties/<id>) with --queries lines each, for wrk
//   --check          afterwards, answer the first 20 searches of each kind by brute force and compare

let usage = "usage: make-search-data --out DIR [--properties N] [--seed S] [--paths DIR] [--queries N] [--check]"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("make-search-data: \(message)\n\(usage)\n".utf8))
    exit(2)
}

func log(_ line: String) { FileHandle.standardError.write(Data("\(line)\n".utf8)) }

var options: [String: String] = [:]
var check = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--check": check = true
    case "--help", "-h":
        print(usage)
        exit(0)
    case "--out", "--properties", "--seed", "--paths", "--queries":
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        options[argument] = value
    default: fail("unknown argument \(argument)")
    }
}
guard let out = options["--out"] else { fail("--out is required") }
guard let properties = Int(options["--properties"] ?? "100000"), properties > 0 else { fail("--properties must be a positive integer") }
guard let seed = UInt64(options["--seed"] ?? "42") else { fail("--seed must be a non-negative integer") }
guard let queryCount = Int(options["--queries"] ?? "200"), queryCount > 0 else { fail("--queries must be a positive integer") }

let dataSet = ListingDataSet(seed: seed, properties: properties)
do {
    let summary = try await SearchDataStore.build(dataSet, into: out) { count in
        if count % 10_000 == 0 || count == properties { log("  \(count) / \(properties) properties") }
    }
    log("wrote \(summary.properties) properties, \(summary.rooms) rooms to \(out) in \(String(format: "%.1f", summary.seconds)) s")

    if let pathsDirectory = options["--paths"] {
        let listings = Array(dataSet)
        try FileManager.default.createDirectory(atPath: pathsDirectory, withIntermediateDirectories: true)
        let files: [(String, [String])] = [
            ("q1.txt", PeerQueries.q1(count: queryCount, seed: seed).map(\.path)),
            ("q2.txt", PeerQueries.q2(count: queryCount, seed: seed).map(\.path)),
            ("q3.txt", PeerQueries.q3(count: queryCount, seed: seed).map(\.path)),
            (
                "q4.txt",
                PeerQueries.q4(count: queryCount, seed: seed, verified: listings.map { $0.property.verification == .verified })
                    .map { "/api/properties/\(listings[$0].property.id)" }
            ),
        ]
        for (name, lines) in files {
            try (lines.joined(separator: "\n") + "\n").write(toFile: pathsDirectory + "/" + name, atomically: true, encoding: .utf8)
        }
        log("wrote \(queryCount) request paths per query to \(pathsDirectory)/q1.txt … q4.txt")
    }

    if check {
        let listings = Array(dataSet)
        let store = try SearchDataStore.open(out)
        defer { store.close() }
        let service = try ListingService(store: store, publicURL: "http://127.0.0.1")
        let checker = AnswerCheck(listings)
        for (name, searches) in [
            ("Q1", PeerQueries.q1(count: 20, seed: seed)), ("Q2", PeerQueries.q2(count: 20, seed: seed)),
            ("Q3", PeerQueries.q3(count: 20, seed: seed)),
        ] {
            let mean = try checker.check(searches, with: service)
            log("\(name): 20 searches agree with brute force (\(String(format: "%.0f", mean)) matches on average)")
        }
    }
} catch {
    log("make-search-data: \(error)")
    exit(1)
}
