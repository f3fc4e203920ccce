import BMSStore
import Foundation

/// A directory under the system temp dir (or `parent`), removed when the value is released.
public final class TemporaryDirectory {
    public let path: String

    public init(in parent: String = NSTemporaryDirectory()) {
        path = parent + "bms-store-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { path + "/" + name }
}

/// A small deterministic random generator (SplitMix64), so failing property tests can be replayed from
/// the seed they print.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The record type of the store tests: a unique e-mail, a (city, age) index with the age as covering
/// bytes, one entry per tag, and an index keyed by the record's own id covering its age.
public struct Person: Record, Equatable {
    public static let collectionName = "people"
    public static let indexes: [RecordIndex<Person>] = [
        .unique("email") { [.string($0.email)] },
        .secondary("cityAge", cover: { UInt64Codec.encode(UInt64($0.age)) }, { [.string($0.city), .int(Int64($0.age))] }),
        .multi("tags") { person in person.tags.map { [.string($0)] } },
        .secondary("own", cover: { UInt64Codec.encode(UInt64($0.age)) }, { [.id($0.id)] }),
    ]

    public var id = ObjectID()
    public var email: String
    public var city: String
    public var age: Int
    public var tags: [String] = []

    public func encode(to writer: inout RecordWriter) {
        writer.write(UInt8(1))
        writer.write(id)
        writer.write(email)
        writer.write(city)
        writer.write(age)
        writer.write(tags)
    }

    public init(from reader: inout RecordReader) throws {
        try reader.expectFormat(1, of: Self.collectionName)
        id = try reader.readObjectID()
        email = try reader.readString()
        city = try reader.readString()
        age = try reader.readInt()
        tags = try reader.readStrings()
    }

    public init(id: ObjectID = ObjectID(), email: String, city: String, age: Int, tags: [String] = []) {
        self.id = id
        self.email = email
        self.city = city
        self.age = age
        self.tags = tags
    }
}

public let peopleSchema = Schema(version: 1, collections: [CollectionSchema<Person>()], tables: ["notes"])

/// Opens a store in `directory` with a small map, so tests also exercise growth.
public func openStore(_ directory: TemporaryDirectory, schema: Schema = peopleSchema, mapSize: Int = 1 << 20) throws -> Store {
    try Store.open(at: directory.path, options: StoreOptions(initialMapSize: mapSize, maximumMapSize: 1 << 32), schema: schema)
}

/// The file's bytes: comparing them whole is what "left untouched" means, and test files are small.
public func contentsOfFile(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}
