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

    private let sync: @Sendable () throws -> Void
    private let answers = HandOffQueue<Answer>()
    private let finished = DispatchSemaphore(value: 0)

    /// `sync` makes every commit before it durable (`Environment.sync`).
    init(sync: @escaping @Sendable () throws -> Void) {
        self.sync = sync
        let thread = Thread { [self] in run() }
        thread.name = "bms-store-sync"
        thread.start()
    }

    /// Answers `answers` after the next sync.
    func acknowledge(_ group: [Answer]) {
        answers.append(contentsOf: group)
    }

    /// Answers what is queued, then stops the thread. Called once, after the writer's last commit.
    func close() {
        _ = answers.close()
        finished.wait()
    }

    private func run() {
        while let group = answers.next() {
            do {
                try sync()
                for answer in group { answer.complete(answer.outcome) }
            } catch {
                // The commits happened but may not be on disk: their callers must not count on them.
                for answer in group { answer.complete(.failure(error)) }
            }
        }
        finished.signal()
    }
}
