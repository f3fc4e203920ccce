/// What a data file holds: its schema version, the collections (with their indexes) and plain tables, and
/// the forward migrations that bring an older file up to `version`.
public struct Schema: Sendable {
    public var version: Int
    public var collections: [any CollectionDescription]
    public var tables: [String]
    public var migrations: [Migration]

    public init(
        version: Int, collections: [any CollectionDescription] = [], tables: [String] = [],
        migrations: [Migration] = []
    ) {
        self.version = version
        self.collections = collections
        self.tables = tables
        self.migrations = migrations
    }

    /// Every named LMDB table: meta, the plain tables, each collection's records and indexes.
    var allTableNames: [String] {
        [Meta.tableName] + tables + collections.flatMap(\.tableNames)
    }
}

/// One step that brings a data file from `version - 1` to `version`. Runs inside the open's write
/// transaction, after every declared table exists, so a failing migration leaves the file as it was.
public struct Migration: Sendable {
    public let version: Int
    public let summary: String
    public let apply: @Sendable (Store, WriteTransaction) throws -> Void

    public init(version: Int, summary: String, apply: @escaping @Sendable (Store, WriteTransaction) throws -> Void) {
        self.version = version
        self.summary = summary
        self.apply = apply
    }
}

/// The meta table: the file's format marker and schema version.
enum Meta {
    static let tableName = "meta"
    static let formatKey = "format"
    static let versionKey = "schema-version"
    static let formatValue = "bookmysleep"
}
