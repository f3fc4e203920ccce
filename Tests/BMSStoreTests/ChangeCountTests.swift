import StoreTestSupport
import Testing

@testable import BMSStore

@Suite("Change counts: what a cache of a collection checks before it answers")
struct ChangeCountTests {
    @Test("a collection's count moves with each commit that changes its records, before the writer hears back, and not with others")
    func countsFollowCommits() async throws {
        let directory = TemporaryDirectory()
        let (store, people, notes) = try Self.peopleAndNotes(in: directory)
        defer { store.close() }
        let start = store.changeCount(of: people)

        try await store.write { txn in try notes.put(txn, "a", "not a person") }
        #expect(store.changeCount(of: people) == start)

        let asha = Person(email: "asha@x.in", city: "Pune", age: 30, tags: [])
        try await store.write { txn in try people.insert(txn, asha) }
        let inserted = store.changeCount(of: people)
        #expect(inserted > start)

        // A request that fails writes nothing, and a read changes nothing.
        await #expect(throws: PlannedFailure.self) {
            try await store.write { _ in throw PlannedFailure(number: 1) }
        }
        _ = try store.read { txn in try people.get(txn, asha.id) }
        #expect(store.changeCount(of: people) == inserted)

        try await store.write { txn in _ = try people.delete(txn, asha.id) }
        #expect(store.changeCount(of: people) > inserted)
    }

    @Test("another process's commits count against every table, even when a commit of ours follows before anyone reads")
    func foreignCommits() {
        let changes = TableChanges(lastTransaction: 10)
        #expect(changes.count(of: 1, lastCommitted: 10) == 0)
        changes.began(transaction: 11)
        changes.committed([1], transaction: 11)
        #expect(changes.count(of: 1, lastCommitted: 11) == 1 && changes.count(of: 2, lastCommitted: 11) == 0)

        // Another process commits 12 and 13; our writer begins 14 and commits before anyone reads a count.
        changes.began(transaction: 14)
        changes.committed([1], transaction: 14)
        #expect(changes.count(of: 2, lastCommitted: 14) == 1)
        #expect(changes.count(of: 1, lastCommitted: 14) == 3)

        // A commit of ours that changed nothing may leave its id to another process's next commit.
        changes.began(transaction: 15)
        changes.committed([], transaction: 15)
        #expect(changes.count(of: 2, lastCommitted: 14) == 1)
        #expect(changes.count(of: 2, lastCommitted: 15) == 2)
    }

    @Test("our own commit is never taken for another process's: a collection nobody writes keeps its count while others are written and read")
    func ownCommitsUnderReaders() async throws {
        let directory = TemporaryDirectory()
        let (store, people, notes) = try Self.peopleAndNotes(in: directory)
        defer { store.close() }
        let start = store.changeCount(of: people)
        // A reader reads the count again and again, as searches under load do, while notes are written; it
        // yields between reads, so as not to hold a core from the tests running beside it.
        let reading = Task.detached {
            var moved = 0
            var reads = 0
            while !Task.isCancelled {
                if store.changeCount(of: people) != start { moved += 1 }
                reads += 1
                await Task.yield()
            }
            return (moved, reads)
        }
        for number in 0..<200 { try await store.write { txn in try notes.put(txn, "note \(number)", "text") } }
        reading.cancel()
        let (moved, reads) = await reading.value
        #expect(reads > 200)
        #expect(moved == 0, "the count of people moved on \(moved) of \(reads) reads")
        #expect(store.changeCount(of: people) == start)
    }

    @Test("a commit in flight is ours until counted; one that failed, or changed nothing, leaves its id to another process")
    func commitInFlight() {
        let changes = TableChanges(lastTransaction: 10)
        changes.began(transaction: 11)
        changes.willCommit(transaction: 11)
        // A reader finds 11 the file's last commit before the writer has counted it: the count from before.
        #expect(changes.count(of: 1, lastCommitted: 11) == 0 && changes.count(of: 2, lastCommitted: 11) == 0)
        changes.committed([1], transaction: 11)
        #expect(changes.count(of: 1, lastCommitted: 11) == 1 && changes.count(of: 2, lastCommitted: 11) == 0)

        changes.began(transaction: 12)
        changes.willCommit(transaction: 12)
        changes.commitFailed()
        #expect(changes.count(of: 2, lastCommitted: 12) == 1)

        changes.began(transaction: 13)
        changes.willCommit(transaction: 13)
        changes.committed([], transaction: 13)
        #expect(changes.count(of: 2, lastCommitted: 13) == 2)
    }

    /// A fresh store with people, and a table of notes beside them that is not theirs.
    private static func peopleAndNotes(
        in directory: TemporaryDirectory
    ) throws -> (Store, RecordCollection<Person>, Table<StringCodec, StringCodec>) {
        let store = try openStore(directory)
        return (store, try RecordCollection<Person>(in: store), try store.table("notes", key: StringCodec.self, value: StringCodec.self))
    }
}
