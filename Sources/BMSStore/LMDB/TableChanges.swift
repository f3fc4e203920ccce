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
        guard !tables.isEmpty else { return }
        counts.withLock { counts in for table in tables { counts[table, default: 0] += 1 } }
        lastCountedTransaction.raise(to: id)
    }

    /// Changes to `table` so far: grows with every commit that changed it, and with every commit of another
    /// process. `lastCommitted` is the file's last committed transaction id, read now.
    func count(of table: MDB_dbi, lastCommitted: Int) -> UInt64 {
        noteCommits(through: lastCommitted)
        return counts.withLock { $0[table, default: 0] } &+ foreignCommits.load(ordering: .acquiring)
    }

    /// Counts the commits up to `last` that nobody counted as another process's. Our writer's own commit
    /// may be taken for one while it is between its commit and `committed`: an extra count, never a lost one.
    private func noteCommits(through last: Int) {
        guard last > lastCountedTransaction.load(ordering: .acquiring) else { return }
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
