// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "bookmysleep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bms", targets: ["bms"]),
        .library(name: "BMSStore", targets: ["BMSStore"]),
        .library(name: "BMSCore", targets: ["BMSCore"]),
        .library(name: "BMSServer", targets: ["BMSServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(name: "CLMDB", path: "Sources/CLMDB"),
        .target(name: "BMSStore", dependencies: ["CLMDB"]),
        .target(
            name: "BMSCore",
            dependencies: [
                "BMSStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .target(
            name: "BMSPayments",
            dependencies: [
                "BMSCore", "BMSStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BMSServer",
            dependencies: [
                "BMSStore", "BMSCore", "BMSPayments",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            plugins: ["EmbedAssets"]
        ),
        .executableTarget(
            name: "bms",
            dependencies: [
                "BMSServer", "BMSStore", "BMSCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "embed-assets", path: "Sources/embed-assets"),
        .plugin(name: "EmbedAssets", capability: .buildTool(), dependencies: ["embed-assets"]),

        .target(name: "StoreTestSupport", dependencies: ["BMSStore"], path: "Tests/StoreTestSupport"),
        .executableTarget(name: "store-crash-writer", dependencies: ["BMSStore", "StoreTestSupport"], path: "Tests/StoreCrashWriter"),
        .target(
            name: "PaymentsTestSupport",
            dependencies: [
                "BMSCore", "BMSPayments",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/PaymentsTestSupport"
        ),
        .testTarget(name: "BMSCoreTests", dependencies: ["BMSCore", "BMSPayments", "BMSStore", "StoreTestSupport"]),
        .testTarget(name: "BMSStoreTests", dependencies: ["BMSStore", "StoreTestSupport", "store-crash-writer"]),
        .testTarget(
            name: "BMSPaymentsTests",
            dependencies: [
                "BMSPayments", "BMSCore", "BMSStore", "StoreTestSupport", "PaymentsTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "BMSServerTests",
            dependencies: [
                "BMSServer", "BMSStore", "BMSCore", "BMSPayments", "bms", "PaymentsTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
    ]
)
