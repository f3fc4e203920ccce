import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

struct PlannedFailure: Error, Equatable {
    let number: Int
}

@Suite("Group commit")
struct GroupCommitTests {
    @Test("many concurrent writers: every acknowledged write is present, failures touch only themselves")
    func concurrentWriters() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        let people = try RecordCollection<Person>(in: store)
        let writers = 400
        let outcomes = try await withThrowingTaskGroup(of: (Int, ObjectID?).self) { group in
            for number in 0..<writers {
                group.addTask {
                    let person = Person(email: "w\(number)@x.in", city: "Pune", age: number % 50, tags: ["t\(number % 7)"])
                    do {
                        try await store.write { txn in
                            try people.insert(txn, person)
                            // Every seventh request fails after writing: its nested transaction must vanish whole.
                            if number % 7 == 3 { throw PlannedFailure(number: number) }
                        }
                        return (number, person.id)
                    } catch let failure as PlannedFailure {
                        #expect(failure.number == number, "each caller gets its own error")
                        return (number, nil)
                    }
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let acknowledged = outcomes.values.compactMap { $0 }
        #expect(acknowledged.count == writers - (0..<writers).filter { $0 % 7 == 3 }.count)
        store.close()

        let reopened = try openStore(directory)
        defer { reopened.close() }
        let again = try RecordCollection<Person>(in: reopened)
        try reopened.read { txn throws in
            #expect(try again.count(txn) == acknowledged.count)
            for id in acknowledged { #expect(try again.contains(txn, id)) }
            // Only failed requests carried the tag t3: none of their index entries may remain.
            #expect(try again.ids(txn, index: "tags", .prefix([.string("t3")])).isEmpty)
        }
        #expect(try reopened.check().isClean)
    }

    @Test("concurrent requests share commits")
    func requestsShareCommits() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let notes = try store.table("notes", key: ObjectIDCodec.self, value: StringCodec.self)
        let before = store.writeStatistics
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 0..<256 {
                group.addTask { try await store.write { txn in try notes.put(txn, ObjectID(), "note \(number)") } }
            }
            try await group.waitForAll()
        }
        let after = store.writeStatistics
        #expect(after.requests - before.requests == 256)
        let commits = after.commits - before.commits
        #expect(commits < 256, "256 concurrent writes took \(commits) commits")
        #expect(try store.read { txn in try notes.count(txn) } == 256)
    }

    @Test("writes after close fail with a clear error instead of hanging")
    func writeAfterClose() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        store.close()
        await #expect(throws: StoreError.closed) { try await store.write { _ in 1 } }
        #expect(throws: StoreError.closed) { try store.read { _ in 1 } }
    }
}

@Suite("Reads")
struct ReadTests {
    @Test("a read nested in a read, while the map grows, neither deadlocks nor sees a torn state")
    func nestedReadsDuringGrowth() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory, mapSize: 128 << 10)
        defer { store.close() }
        let notes = try store.table("notes", key: ObjectIDCodec.self, value: BytesCodec.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for _ in 0..<60 {
                    try await store.write { txn in
                        for _ in 0..<8 { try notes.put(txn, ObjectID(), [UInt8](repeating: 7, count: 2048)) }
                    }
                }
            }
            group.addTask {
                for _ in 0..<2000 {
                    let (outer, inner) = try store.read { txn in
                        (try notes.count(txn), try store.read { try notes.count($0) })
                    }
                    #expect(outer % 8 == 0 && inner % 8 == 0)
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.read { try notes.count($0) } == 480)
    }
}
