// swift-tools-version:6.1
import PackageDescription

// The store's and the search's benchmark suites, kept out of the root package so that building or testing
// `bms` never compiles package-benchmark. Run with `make bench` from the root, or `swift package benchmark`
// here. `make-search-data` and load/search-load.sh are the HTTP side.
let package = Package(
    name: "bms-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named: a path dependency's identity is its folder's name, which depends on where the
        // repository was cloned.
        .package(name: "bookmysleep", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: [
                .product(name: "BMSStore", package: "bookmysleep"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StoreBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        .executableTarget(
            name: "SearchBenchmarks",
            dependencies: [
                "ListingDataSet",
                .product(name: "BMSCore", package: "bookmysleep"),
                .product(name: "BMSStore", package: "bookmysleep"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SearchBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // peer-bench's listing data set, generated in Swift, and what loads and checks it.
        .target(
            name: "ListingDataSet",
            dependencies: [
                .product(name: "BMSCore", package: "bookmysleep"),
                .product(name: "BMSStore", package: "bookmysleep"),
            ]
        ),
        // Writes the data set into a data directory for `bms serve` (load/search-load.sh).
        .executableTarget(name: "make-search-data", dependencies: ["ListingDataSet"]),
        // Times peer-bench's searches on a make-search-data directory: quick checks and profiling.
        .executableTarget(name: "search-timing", dependencies: ["ListingDataSet"]),
        // bms's side of the three-engine benchmark (peers/run.sh): exports the data set and parameters
        // for PostgreSQL and SQLite, and runs Q1–Q4 and W1 in process.
        .executableTarget(name: "bms-peer-bench", dependencies: ["ListingDataSet"]),
    ]
)
