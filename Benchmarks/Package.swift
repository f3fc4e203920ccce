// swift-tools-version:6.1
import PackageDescription

// The store's benchmark suites, kept out of the root package so that building or testing `bms` never
// compiles package-benchmark. Run with `make bench` from the root, or `swift package benchmark` here.
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
        )
    ]
)
