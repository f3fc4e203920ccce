import Foundation
import Synchronization
import Testing

@testable import BMSStore

@Suite("Durable acknowledgement: callers are answered only after the sync that makes their commit durable")
struct DurableAcknowledgerTests {
    /// Something that happened on the acknowledger's thread, awaited by the test without blocking a thread
    /// of the shared pool.
    final class Happenings: Sendable {
        let stream: AsyncStream<Void>
        let continuation: AsyncStream<Void>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream() }

        func note() { continuation.yield() }
    }

    /// A sync that blocks its (the acknowledger's) thread until the test lets it finish.
    final class HeldSync: Sendable {
        let release = DispatchSemaphore(value: 0)
        let started = Happenings()
        let runs = Atomic(0)
        let failure = Mutex<PlannedFailure?>(nil)

        func sync() throws {
            started.note()
            release.wait()
            runs.add(1, ordering: .relaxed)
            if let failure = failure.withLock({ $0 }) { throw failure }
        }
    }

    /// The answers callers got, in order.
    final class Answers: Sendable {
        let received = Mutex<[Result<Int, PlannedFailure>]>([])
        let arrived = Happenings()

        var list: [Result<Int, PlannedFailure>] { received.withLock { $0 } }

        func answer(_ outcome: Result<any Sendable, any Error>) {
            received.withLock { list in
                switch outcome {
                case .success(let value): list.append(.success(value as? Int ?? -1))
                case .failure(let error): list.append(.failure(error as? PlannedFailure ?? PlannedFailure(number: -1)))
                }
            }
            arrived.note()
        }
    }

    @Test("nothing is answered while the sync runs; everything handed over before it is answered after it")
    func answersAfterSync() async throws {
        let (sync, answers) = (HeldSync(), Answers())
        var (started, arrived) = (sync.started.stream.makeAsyncIterator(), answers.arrived.stream.makeAsyncIterator())
        let acknowledger = DurableAcknowledger(sync: sync.sync)
        acknowledger.acknowledge((1...3).map { value in .init(complete: answers.answer, outcome: .success(value)) })
        await started.next()
        try await Task.sleep(for: .milliseconds(200))
        #expect(answers.list.isEmpty)
        sync.release.signal()
        for _ in 1...3 { await arrived.next() }
        #expect(answers.list == [.success(1), .success(2), .success(3)])
        acknowledger.close()
        #expect(sync.runs.load(ordering: .relaxed) == 1)
    }

    @Test("a failed request keeps its own error; a failed sync fails every answer that waited for it")
    func failures() async throws {
        let (sync, answers) = (HeldSync(), Answers())
        var (started, arrived) = (sync.started.stream.makeAsyncIterator(), answers.arrived.stream.makeAsyncIterator())
        let acknowledger = DurableAcknowledger(sync: sync.sync)
        acknowledger.acknowledge([.init(complete: answers.answer, outcome: .failure(PlannedFailure(number: 7)))])
        await started.next()
        sync.release.signal()
        await arrived.next()
        sync.failure.withLock { $0 = PlannedFailure(number: 99) }
        acknowledger.acknowledge([.init(complete: answers.answer, outcome: .success(5))])
        await started.next()
        sync.release.signal()
        await arrived.next()
        acknowledger.close()
        #expect(answers.list == [.failure(PlannedFailure(number: 7)), .failure(PlannedFailure(number: 99))])
    }

    @Test("closing answers what is still queued first")
    func closeDrains() async throws {
        let (sync, answers) = (HeldSync(), Answers())
        var started = sync.started.stream.makeAsyncIterator()
        let acknowledger = DurableAcknowledger(sync: sync.sync)
        acknowledger.acknowledge([.init(complete: answers.answer, outcome: .success(1))])
        await started.next()
        acknowledger.acknowledge([.init(complete: answers.answer, outcome: .success(2))])
        // Both syncs are let through at once; close() then waits for the thread to drain the queue.
        sync.release.signal()
        sync.release.signal()
        acknowledger.close()
        #expect(answers.list == [.success(1), .success(2)])
        #expect(sync.runs.load(ordering: .relaxed) == 2)
    }
}
