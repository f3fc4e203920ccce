import CLMDB
import Synchronization

/// Counts, per table, the commits that changed it, so that a cache of what was read from a table can tell
/// whether it still holds (`Store.changeCount(of:)`).
///
/// The writer counts a batch's tables after its commit and before its callers hear of it, so a count read
/// before a snapshot is taken is never ahead of that snapshot, and a client that was told its write is
/// done sees a later count. Another process writing to the same file (`bms import` into a live data
/// directory) is noticed by transaction ids: a commit this process did not count, found by a reader (the
/// file's last commit) or by the writer (its own transaction's id is one more than the last commit), counts
/// as a change to every table — before any later commit of ours can hide it.
final class TableChanges: Sendable {
    private let counts = Mutex<[MDB_dbi: UInt64]>([:])
    /// Commits by other processes noticed so far: they count against every table.
    private let foreignCommits = Atomic<UInt64>(0)
    /// The id of the last commit counted, ours or another process's.
    private let lastCountedTransaction: Atomic<Int>
    /// The transaction our writer is committing and has not counted yet, 0 when none. A reader that finds
    /// it the file's last commit must not take it for another process's: under a stream of searches one
    /// nearly always did, and every commit of ours (a job recording its run, a session) then cost every
    /// table's caches their answers, the search snapshot included.
    private let committing = Atomic<Int>(0)

    /// Counts from zero, with `lastTransaction` the file's last committed transaction when the store opened.
    init(lastTransaction: Int) {
        lastCountedTransaction = Atomic(lastTransaction)
    }

    /// The writer has begun transaction `id`: every commit before it, by any process, is in the file.
    func began(transaction id: Int) {
        noteCommits(through: id - 1)
    }

    /// The writer committed transaction `id`, which changed `tables`. A transaction that changed nothing
    /// may not have taken its id (LMDB skips an empty commit), so it is left uncounted: if it did take it,
    /// it is found later as another process's commit would be, which costs a cache its answers, never a
    /// stale one.
    func committed(_ tables: Set<MDB_dbi>, transaction id: Int) {
        // Cleared after the count and the last id counted are up: a reader sees one or the other.
        defer { committing.store(0, ordering: .releasing) }
        guard !tables.isEmpty else { return }
        counts.withLock { counts in for table in tables { counts[table, default: 0] += 1 } }
        lastCountedTransaction.raise(to: id)
    }

    /// The writer is about to commit transaction `id`; `committed` (or `commitFailed`) follows. While the
    /// LMDB writer lock is ours no other process can commit, so a commit found with this id is ours.
    func willCommit(transaction id: Int) {
        committing.store(id, ordering: .releasing)
    }

    /// The commit announced by `willCommit` failed: nothing was written.
    func commitFailed() {
        committing.store(0, ordering: .releasing)
    }

    /// Changes to `table` so far: grows with every commit that changed it, and with every commit of another
    /// process. `lastCommitted` is the file's last committed transaction id, read now.
    func count(of table: MDB_dbi, lastCommitted: Int) -> UInt64 {
        noteCommits(through: lastCommitted)
        return counts.withLock { $0[table, default: 0] } &+ foreignCommits.load(ordering: .acquiring)
    }

    /// Counts the commits up to `last` that nobody counted as another process's. Our writer's own commit,
    /// between its commit and `committed`, is not one: a reader then gets the count from before it, with
    /// the data of a moment later at worst, and the writer's callers hear of their write only once it is
    /// counted. `committing` is read first: once it is cleared, the last id counted is already up.
    private func noteCommits(through last: Int) {
        let ours = committing.load(ordering: .acquiring)
        guard last > lastCountedTransaction.load(ordering: .acquiring), last != ours else { return }
        foreignCommits.add(1, ordering: .releasing)
        lastCountedTransaction.raise(to: last)
    }
}

extension Atomic<Int> {
    /// Raises the value to `candidate` unless it is larger already.
    fileprivate func raise(to candidate: Int) {
        var current = load(ordering: .relaxed)
        while candidate > current {
            let (exchanged, original) = compareExchange(expected: current, desired: candidate, ordering: .acquiringAndReleasing)
            if exchanged { return }
            current = original
        }
    }
}
