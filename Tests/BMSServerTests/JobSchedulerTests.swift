import BMSCore
import BMSStore
import Foundation
import Logging
import Prometheus
import Synchronization
import Testing

@testable import BMSServer

@Suite("Background jobs: run when due, recorded in the data file, failures counted and survived")
struct JobSchedulerTests {
    @Test func jobsRunWhenDueAndTheirStateIsKept() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store.open(
                at: directory, options: StoreOptions(initialMapSize: 1 << 20, maximumMapSize: 1 << 30), schema: BookMySleepSchema.current)
            defer { store.close() }
            let log = try JobLog(store: store)
            let registry = PrometheusCollectorRegistry()
            let runs = Mutex(0)
            let scheduler = JobScheduler(
                jobs: [
                    ScheduledJob(name: "count", every: .milliseconds(50)) {
                        let count = runs.withLock { value in
                            value += 1
                            return value
                        }
                        return "\(count) counted"
                    },
                    ScheduledJob(name: "break", every: .milliseconds(50)) { throw StoreError.closed },
                    ScheduledJob(name: "rare", every: .seconds(3600)) { "ran" },
                ],
                log: log, logger: Logger(label: "test"), registry: registry, tick: .milliseconds(10)
            )
            let running = Task { try await scheduler.run() }
            // Waits for the jobs rather than a fixed time. The deadline only ends a real hang: the suite's
            // synchronous property tests can hold both of a 2-core machine's cooperative threads for a
            // minute and more (seen in CI: trivial tests "passed after 52 s"), and this task and the
            // scheduler's wait their turn meanwhile.
            let deadline = ContinuousClock.now + .seconds(300)
            while ContinuousClock.now < deadline {
                let states = try log.all()
                if runs.withLock({ $0 }) >= 2, (states["break"]?.failures ?? 0) >= 2, states["rare"] != nil { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            running.cancel()
            _ = await running.result

            let counted = runs.withLock { $0 }
            #expect(counted >= 2)
            let states = try log.all()
            #expect(states["count"]?.runs == counted && states["count"]?.lastOutcome == "ok: \(counted) counted")
            #expect(try #require(states["break"]).failures >= 2)
            #expect(states["break"]?.lastOutcome.hasPrefix("failed:") == true)
            #expect(states["rare"]?.runs == 1)
            // After a restart, what ran recently is not due again; what is overdue is.
            #expect(try !scheduler.isDue(ScheduledJob(name: "rare", every: .seconds(3600)) { "" }))
            #expect(try scheduler.isDue(ScheduledJob(name: "count", every: .milliseconds(1)) { "" }))
            #expect(try scheduler.isDue(ScheduledJob(name: "never-ran", every: .seconds(3600)) { "" }))
            let text = String(decoding: registry.emitToBuffer(), as: UTF8.self)
            #expect(text.contains(#"bms_job_runs_total{job="break",outcome="failed"}"#))
        }
    }
}
