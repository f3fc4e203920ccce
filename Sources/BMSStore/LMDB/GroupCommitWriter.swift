import CLMDB
import Foundation
import Synchronization

/// The one thread that writes. Callers queue write requests; the thread takes everything queued (up to
/// `maximumBatch`), runs each request in its own nested transaction inside one batch transaction, and
/// makes the batch durable with a single synced commit — group commit: while one commit waits for the
/// disk, the next batch gathers. The commit's last step, syncing its meta page, is left to the
/// `DurableAcknowledger`, which answers the callers after it while this thread runs the next batch.
///
/// A request that throws aborts only its nested transaction; the others commit. Every caller is answered
/// only after the batch commit is durable (or failed). On `MDB_MAP_FULL` the batch is abandoned, the map
/// grows and the batch runs again, so request closures must depend only on what they read in `txn`.
final class GroupCommitWriter: Sendable {
    typealias Body = @Sendable (WriteTransaction) throws -> any Sendable
    typealias Completion = @Sendable (Result<any Sendable, any Error>) -> Void

    private struct Request: Sendable {
        let body: Body
        let complete: Completion
    }

    private let environment: Environment
    private let maximumBatch: Int
    private let requests = HandOffQueue<Request>()
    private let finished = DispatchSemaphore(value: 0)
    private let acknowledger: DurableAcknowledger
    private let changes: TableChanges
    private let requestsCommitted = Atomic<Int>(0)
    private let commits = Atomic<Int>(0)

    /// Requests answered so far, and the durable commits that carried them.
    var statistics: WriteStatistics {
        WriteStatistics(requests: requestsCommitted.load(ordering: .relaxed), commits: commits.load(ordering: .relaxed))
    }

    init(environment: Environment, maximumBatch: Int, changes: TableChanges) {
        self.environment = environment
        self.maximumBatch = max(1, maximumBatch)
        self.changes = changes
        acknowledger = DurableAcknowledger(sync: environment.sync)
        let thread = Thread { [self] in run() }
        thread.name = "bms-store-writer"
        thread.start()
    }

    /// Queues `body`; `complete` is called on the acknowledger's thread once the outcome is durable.
    func submit(_ body: @escaping Body, complete: @escaping Completion) {
        if !requests.append(contentsOf: CollectionOfOne(Request(body: body, complete: complete))) {
            complete(.failure(StoreError.closed))
        }
    }

    /// Finishes what is queued, then stops the thread.
    func close() {
        guard requests.close() else { return }
        finished.wait()
        acknowledger.close()
    }

    private func run() {
        while let batch = requests.next(limit: maximumBatch) {
            let outcomes = commit(batch)
            acknowledger.acknowledge(zip(batch, outcomes).map { DurableAcknowledger.Answer(complete: $0.complete, outcome: $1) })
        }
        finished.signal()
    }

    /// Runs the batch and commits it; returns one outcome per request.
    private func commit(_ batch: [Request]) -> [Result<any Sendable, any Error>] {
        while true {
            let parent: OpaquePointer
            do {
                parent = try environment.beginWrite()
            } catch {
                return batch.map { _ in .failure(error) }
            }
            let status = WriteStatus()
            let transaction = mdb_txn_id(parent)
            changes.began(transaction: transaction)
            var outcomes: [Result<any Sendable, any Error>] = []
            outcomes.reserveCapacity(batch.count)
            for request in batch {
                outcomes.append(runNested(request.body, parent: parent, status: status))
                if status.hitMapFull { break }
            }
            var rc: Int32 = MDB_MAP_FULL
            if status.hitMapFull {
                mdb_txn_abort(parent)
            } else {
                changes.willCommit(transaction: transaction)
                rc = mdb_txn_commit(parent)
                if rc != 0 { changes.commitFailed() }
            }
            if rc == MDB_MAP_FULL {
                do {
                    try environment.grow()
                    continue
                } catch {
                    return batch.map { _ in .failure(error) }
                }
            }
            if rc != 0 {
                let error = StoreError.lmdb(operation: "mdb_txn_commit", code: rc)
                return batch.map { _ in .failure(error) }
            }
            changes.committed(status.changedTables, transaction: transaction)
            commits.add(1, ordering: .relaxed)
            requestsCommitted.add(batch.count, ordering: .relaxed)
            return outcomes
        }
    }

    private func runNested(_ body: Body, parent: OpaquePointer, status: WriteStatus) -> Result<any Sendable, any Error> {
        let child: OpaquePointer
        do {
            child = try environment.beginWrite(parent: parent)
        } catch {
            return .failure(error)
        }
        // What a request that fails changed is undone, so it is not counted as changed either.
        let changedBefore = status.changedTables
        let value: any Sendable
        do {
            value = try body(WriteTransaction(handle: TransactionHandle(raw: child), status: status))
        } catch {
            mdb_txn_abort(child)
            status.changedTables = changedBefore
            return .failure(error)
        }
        // A failed commit frees the transaction too: no abort after it.
        let rc = mdb_txn_commit(child)
        if rc == MDB_MAP_FULL { status.hitMapFull = true }
        if rc != 0 {
            status.changedTables = changedBefore
            return .failure(StoreError.lmdb(operation: "mdb_txn_commit(nested)", code: rc))
        }
        return .success(value)
    }
}

/// How well writes are being grouped: `requests / commits` is the average batch.
public struct WriteStatistics: Sendable, Equatable {
    public var requests: Int
    public var commits: Int
}
