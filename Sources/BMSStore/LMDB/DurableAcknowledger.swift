import Foundation

/// Answers the writer's callers once their commit is on disk, on a thread of its own, so that the writer
/// runs the next batch meanwhile.
///
/// The environment commits with `MDB_NOMETASYNC`: a commit writes its pages, syncs them, then writes the
/// meta page that makes them current without waiting for the disk. LMDB documents that this keeps the
/// file consistent — a crash can only lose the commits whose meta page was not synced yet — so nothing may
/// be answered before the next sync. This thread syncs the file once for everything handed to it since
/// the last sync, then answers all of it. A caller is therefore never told of a write that a crash could
/// lose; other readers may see a commit up to one sync before it is durable.
final class DurableAcknowledger: Sendable {
    typealias Completion = GroupCommitWriter.Completion

    /// One caller and what its request came to.
    struct Answer: Sendable {
        let complete: Completion
        let outcome: Result<any Sendable, any Error>
    }

    private struct Queue: ~Copyable {
        var answers: [Answer] = []
        var isClosed = false
    }

    private let sync: @Sendable () throws -> Void
    private let condition = NSCondition()
    // Safety: `queue` is read and written only while `condition` is locked.
    nonisolated(unsafe) private var queue = Queue()
    private let finished = DispatchSemaphore(value: 0)

    /// `sync` makes every commit before it durable (`Environment.sync`).
    init(sync: @escaping @Sendable () throws -> Void) {
        self.sync = sync
        let thread = Thread { [self] in run() }
        thread.name = "bms-store-sync"
        thread.start()
    }

    /// Answers `answers` after the next sync.
    func acknowledge(_ answers: [Answer]) {
        condition.lock()
        queue.answers.append(contentsOf: answers)
        condition.signal()
        condition.unlock()
    }

    /// Answers what is queued, then stops the thread. Called once, after the writer's last commit.
    func close() {
        condition.lock()
        queue.isClosed = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func run() {
        while let answers = nextGroup() {
            do {
                try sync()
                for answer in answers { answer.complete(answer.outcome) }
            } catch {
                // The commits happened but may not be on disk: their callers must not count on them.
                for answer in answers { answer.complete(.failure(error)) }
            }
        }
        finished.signal()
    }

    private func nextGroup() -> [Answer]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.answers.isEmpty && !queue.isClosed { condition.wait() }
        if queue.answers.isEmpty { return nil }
        defer { queue.answers.removeAll(keepingCapacity: true) }
        return queue.answers
    }
}
