import CLMDB
import Foundation
import StoreTestSupport
import Synchronization
import Testing

@testable import BMSStore

@Suite("Environment: growth, backup, migrations, bad input")
struct EnvironmentTests {
    @Test("filling past the initial map size grows the map without errors")
    func mapGrowth() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory, mapSize: 256 << 10)
        defer { store.close() }
        let notes = try store.table("notes", key: ObjectIDCodec.self, value: BytesCodec.self)
        let initial = try #require(store.mapUsage).mapBytes
        var ids: [ObjectID] = []
        for _ in 0..<40 {
            let batch = (0..<20).map { _ in ObjectID() }
            ids += batch
            try await store.write { txn in
                for id in batch { try notes.put(txn, id, [UInt8](repeating: 0xAB, count: 4096)) }
            }
        }
        let grown = try #require(store.mapUsage)
        #expect(grown.mapBytes > initial)
        #expect(grown.usedBytes > initial)
        try store.read { txn throws in
            #expect(try notes.count(txn) == ids.count)
            #expect(try notes.get(txn, ids.last!) == [UInt8](repeating: 0xAB, count: 4096))
        }
    }

    @Test("map usage is reported while open and nil once closed")
    func usageAfterClose() throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        #expect(store.mapUsage?.maximumBytes == 1 << 32)
        store.close()
        #expect(store.mapUsage == nil)
    }

    @Test("the map stops at its maximum with a clear error, and later small writes still work")
    func mapMaximum() async throws {
        let directory = TemporaryDirectory()
        let store = try Store.open(
            at: directory.path, options: StoreOptions(initialMapSize: 256 << 10, maximumMapSize: 512 << 10), schema: peopleSchema)
        defer { store.close() }
        let notes = try store.table("notes", key: ObjectIDCodec.self, value: BytesCodec.self)
        await #expect(throws: StoreError.mapFull(maximumBytes: 512 << 10)) {
            try await store.write { txn in
                for _ in 0..<200 { try notes.put(txn, ObjectID(), [UInt8](repeating: 1, count: 4096)) }
            }
        }
        try await store.write { txn in try notes.put(txn, ObjectID(), [1, 2, 3]) }
        #expect(try store.read { txn in try notes.count(txn) } == 1)
    }

    @Test("a backup taken while writes go on opens, checks clean and holds every write acknowledged before it")
    func backupWhileWriting() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        let people = try RecordCollection<Person>(in: store)
        var acknowledged: [ObjectID] = []
        for number in 0..<200 {
            let person = Person(email: "b\(number)@x.in", city: "Kochi", age: number % 40, tags: ["x"])
            try await store.write { txn in try people.insert(txn, person) }
            acknowledged.append(person.id)
        }
        let backupFile = directory.file("backup.mdb")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for number in 200..<600 {
                    let person = Person(email: "b\(number)@x.in", city: "Kochi", age: number % 40)
                    try await store.write { txn in try people.insert(txn, person) }
                }
            }
            group.addTask { try store.backup(to: backupFile) }
            try await group.waitForAll()
        }
        store.close()
        #expect(!FileManager.default.fileExists(atPath: backupFile + ".partial-\(getpid())"))

        let copy = try Store.open(at: backupFile, schema: peopleSchema)
        defer { copy.close() }
        let copied = try RecordCollection<Person>(in: copy)
        try copy.read { txn throws in
            for id in acknowledged { #expect(try copied.contains(txn, id)) }
            #expect(try copied.count(txn) >= acknowledged.count)
        }
        #expect(try copy.check().isClean)
    }

    @Test("backup refuses to replace an existing file unless asked")
    func backupKeepsExistingFiles() throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let target = directory.file("keep.mdb")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: target))
        #expect(throws: StoreError.self) { try store.backup(to: target) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("precious".utf8))
        try store.backup(to: target, overwrite: true)
        store.close()
        #expect(try Store.open(at: target, schema: peopleSchema).check().isClean)
    }

    @Test("forward migrations are announced, then run once, in order, and the version is recorded")
    func migrations() async throws {
        let directory = TemporaryDirectory()
        try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: peopleSchema) { _, migration in
            Issue.record("a new file is created at the current version, not upgraded; got \(migration.summary)")
        }.close()
        let applied = MigrationLog()
        let schema = Schema(
            version: 3, collections: peopleSchema.collections, tables: ["notes"],
            migrations: [
                Migration(version: 3, summary: "third") { store, txn in
                    applied.append(3)
                    try store.table("notes", key: StringCodec.self, value: StringCodec.self).put(txn, "v3", "done")
                },
                Migration(version: 2, summary: "second") { _, _ in applied.append(2) },
            ])
        var announced: [String] = []
        let upgraded = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: schema) { found, migration in
            #expect(applied.versions.isEmpty, "announced before any migration runs")
            announced.append("v\(found) → v\(migration.version): \(migration.summary)")
        }
        #expect(announced == ["v1 → v2: second", "v1 → v3: third"])
        #expect(applied.versions == [2, 3])
        #expect(try upgraded.read { txn in try upgraded.table("notes", key: StringCodec.self, value: StringCodec.self).get(txn, "v3") } == "done")
        upgraded.close()
        try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: schema) { _, migration in
            Issue.record("nothing to announce on an up-to-date file, got \(migration.summary)")
        }.close()
        #expect(applied.versions == [2, 3])
    }

    @Test("a migration can read, then retire, a table the schema no longer declares: its entries leave the file")
    func retiredTable() throws {
        let directory = TemporaryDirectory()
        let withOld = Schema(version: 1, collections: peopleSchema.collections, tables: ["notes", "old"])
        let store = try openStore(directory, schema: withOld)
        let old = try store.table("old", key: StringCodec.self, value: StringCodec.self)
        try store.writeAndWait { txn in try old.put(txn, "stale", "entry") }
        store.close()
        let retiring = Schema(
            version: 2, collections: peopleSchema.collections, tables: ["notes"],
            migrations: [
                Migration(version: 2, summary: "old retired") { _, txn in
                    let retired = try #require(try txn.retiredTable("old", key: StringCodec.self, value: StringCodec.self))
                    #expect(try retired.get(txn, "stale") == "entry")
                    #expect(try txn.retiredTable("never-there", key: StringCodec.self, value: StringCodec.self) == nil)
                    try txn.dropRetiredTable("old")
                    try txn.dropRetiredTable("never-there")
                }
            ])
        try openStore(directory, schema: retiring).close()
        // Declaring the name again makes a new, empty table: the old entries are gone.
        let reopened = try openStore(directory, schema: Schema(version: 2, collections: peopleSchema.collections, tables: ["notes", "old"]))
        defer { reopened.close() }
        #expect(try reopened.read { txn in try reopened.table("old", key: StringCodec.self, value: StringCodec.self).count(txn) } == 0)
        #expect(try reopened.check().isClean)
    }

    @Test("a failing migration leaves the file at its old version")
    func failingMigration() throws {
        let directory = TemporaryDirectory()
        try openStore(directory).close()
        let broken = Schema(
            version: 2, collections: peopleSchema.collections, tables: ["notes"],
            migrations: [
                Migration(version: 2, summary: "breaks") { _, _ in throw PlannedFailure(number: 2) }
            ])
        #expect(throws: PlannedFailure(number: 2)) { try openStore(directory, schema: broken) }
        try openStore(directory).close()
    }

    @Test("a file from a newer version is refused, named, and left untouched")
    func newerSchemaRefused() throws {
        let directory = TemporaryDirectory()
        try openStore(directory, schema: Schema(version: 9, collections: peopleSchema.collections, tables: ["notes"])).close()
        let before = try contentsOfFile(directory.file("data.mdb"))
        #expect(throws: StoreError.newerSchema(path: directory.file("data.mdb"), found: 9, supported: 1)) {
            try openStore(directory)
        }
        #expect(try contentsOfFile(directory.file("data.mdb")) == before)
        let message = StoreError.newerSchema(path: "x", found: 9, supported: 1).description
        #expect(message.contains("schema 9") && message.contains("up to 1") && message.contains("untouched"))
    }

    @Test("a data file that is not LMDB is refused and left untouched")
    func foreignFileRefused() throws {
        let directory = TemporaryDirectory()
        var random = SeededGenerator(seed: 42)
        let garbage = Data((0..<65536).map { _ in UInt8.random(in: 0...255, using: &random) })
        try garbage.write(to: URL(fileURLWithPath: directory.file("data.mdb")))
        #expect {
            try openStore(directory)
        } throws: { error in
            guard case StoreError.notOurFile(let path, _) = error else { return false }
            return path == directory.file("data.mdb")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("data.mdb"))) == garbage)
    }

    @Test("an LMDB file of another program is refused and left untouched")
    func otherLMDBFileRefused() throws {
        let directory = TemporaryDirectory()
        var env: OpaquePointer?
        mdb_env_create(&env)
        #expect(mdb_env_open(env, directory.path, 0, 0o600) == 0)
        var txn: OpaquePointer?
        mdb_txn_begin(env, nil, 0, &txn)
        var dbi: MDB_dbi = 0
        mdb_dbi_open(txn, nil, 0, &dbi)
        var key = Array("someone".utf8)
        var value = Array("else".utf8)
        key.withUnsafeMutableBytes { k in
            value.withUnsafeMutableBytes { v in
                var keyValue = MDB_val(mv_size: k.count, mv_data: k.baseAddress)
                var dataValue = MDB_val(mv_size: v.count, mv_data: v.baseAddress)
                _ = mdb_put(txn, dbi, &keyValue, &dataValue, 0)
            }
        }
        mdb_txn_commit(txn)
        mdb_env_close(env)
        let before = try contentsOfFile(directory.file("data.mdb"))
        #expect(throws: StoreError.notOurFile(path: directory.file("data.mdb"), reason: "an LMDB file with other data")) {
            try openStore(directory)
        }
        #expect(try contentsOfFile(directory.file("data.mdb")) == before)
    }

    @Test("a data path that cannot be a directory gives a clear error")
    func unusablePath() throws {
        let directory = TemporaryDirectory()
        try Data("file".utf8).write(to: URL(fileURLWithPath: directory.file("plain")))
        #expect {
            try Store.open(at: directory.file("plain/data"), schema: peopleSchema)
        } throws: { error in
            guard case StoreError.cannotOpen(let path, let reason) = error else { return false }
            return path == directory.file("plain/data") && reason.contains("cannot create the data directory")
        }
    }
}

/// Migration closures are `@Sendable`; this collects what they did.
final class MigrationLog: Sendable {
    private let storage = Mutex<[Int]>([])
    func append(_ version: Int) { storage.withLock { $0.append(version) } }
    var versions: [Int] { storage.withLock { $0 } }
}
