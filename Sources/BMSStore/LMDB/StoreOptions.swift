/// How the LMDB environment is opened.
public struct StoreOptions: Sendable {
    /// Address space reserved at open. It is not disk: the file grows only as pages are used.
    public var initialMapSize: Int
    /// The map doubles on `MDB_MAP_FULL` up to this size; past it writes fail with `StoreError.mapFull`.
    public var maximumMapSize: Int
    /// Named tables (collections, indexes, meta) the environment may hold.
    public var maximumTables: Int
    /// Reader slots: at least the number of read transactions that may be open at once.
    public var maximumReaders: Int
    /// Requests folded into one commit at most.
    public var maximumBatch: Int

    public init(
        initialMapSize: Int = 64 << 30,
        maximumMapSize: Int = 1 << 40,
        maximumTables: Int = 512,
        maximumReaders: Int = 1024,
        maximumBatch: Int = 512
    ) {
        self.initialMapSize = initialMapSize
        self.maximumMapSize = max(maximumMapSize, initialMapSize)
        self.maximumTables = maximumTables
        self.maximumReaders = maximumReaders
        self.maximumBatch = maximumBatch
    }
}

/// How much of the map is in use.
public struct MapUsage: Sendable, Equatable {
    public var usedBytes: Int
    public var mapBytes: Int
    public var maximumBytes: Int
}
