import BMSCore
import BMSStore

/// Where the data lives and how large its map may grow. Every `bms` command that opens the data reads
/// it the same way (`--data` over `BMS_DATA` over `./bms-data`), without caring about server-only settings.
public struct StoreConfiguration: Sendable, Equatable {
    /// The data directory (holding `data.mdb`) or a single data file such as a backup.
    public var path: String
    /// `BMS_MAP_SIZE`: address space reserved at open; nil keeps the store's default.
    public var mapSize: Int?
    /// `BMS_MAX_MAP_SIZE`: the map grows up to this; nil keeps the store's default.
    public var maximumMapSize: Int?

    /// The data directory `--demo` uses, relative to the working directory.
    public static let demoPath = "./bms-demo"
    /// The data directory used when neither `--data` nor `BMS_DATA` is given.
    public static let defaultPath = "./bms-data"

    public init(path: String, mapSize: Int? = nil, maximumMapSize: Int? = nil) {
        self.path = path
        self.mapSize = mapSize
        self.maximumMapSize = maximumMapSize
    }

    /// Reads `--data` (or `--demo`), `BMS_DATA`, `BMS_MAP_SIZE` and `BMS_MAX_MAP_SIZE`.
    public init(dataFlag: String?, demo: Bool = false, environment: [String: String]) throws(ConfigurationError) {
        if demo, dataFlag != nil {
            throw ConfigurationError(source: "--demo", problem: "cannot be combined with --data: the demo always uses \(Self.demoPath)")
        }
        let source = ConfigurationSource(flags: dataFlag.map { ["--data": $0] } ?? [:], environment: environment)
        let path = demo ? Self.demoPath : try source.read("BMS_DATA", flag: "--data", default: Self.defaultPath, ValueParsers.path)
        let mapSize: Int? = try source.read("BMS_MAP_SIZE", default: nil) {
            ValueParsers.byteCount(minimum: 1 << 20)($0).map(Optional.some)
        }
        let maximumMapSize: Int? = try source.read("BMS_MAX_MAP_SIZE", default: nil) {
            ValueParsers.byteCount(minimum: 1 << 20)($0).map(Optional.some)
        }
        if let mapSize, let maximumMapSize, maximumMapSize < mapSize {
            throw ConfigurationError(
                source: "BMS_MAX_MAP_SIZE",
                problem: "expected at least BMS_MAP_SIZE (\(mapSize) bytes), got \"\(environment["BMS_MAX_MAP_SIZE"] ?? "")\"")
        }
        self.init(path: path, mapSize: mapSize, maximumMapSize: maximumMapSize)
    }

    /// Opens the data with the current schema. `announce` is told, before a file of an older schema is
    /// upgraded, what each step does: upgrades rewrite records or rebuild indexes, which takes a while on
    /// a large file, and an operator should know why start-up is slow.
    public func open(announce: (String) -> Void) throws -> Store {
        try Store.open(at: path, options: options, schema: BookMySleepSchema.current) { found, migration in
            announce("upgrading the data file from schema v\(found) to v\(migration.version): \(migration.summary)")
        }
    }

    /// The options to open the store with: the store's defaults, overridden by the configured sizes.
    public var options: StoreOptions {
        let defaults = StoreOptions()
        return StoreOptions(
            initialMapSize: mapSize ?? min(defaults.initialMapSize, maximumMapSize ?? .max),
            maximumMapSize: maximumMapSize ?? max(defaults.maximumMapSize, mapSize ?? 0))
    }
}
