import BMSCore
import Foundation
import Logging
import Prometheus
import ServiceLifecycle

/// A job the server runs on a schedule. It must be idempotent (safe to run twice, or after a crash
/// half-way): its work is done in store transactions that check the state they change.
struct ScheduledJob: Sendable {
    let name: String
    let every: Duration
    /// Does the work; returns what it did, for the log and the job state ("3 expired").
    let run: @Sendable () async throws -> String
}

/// Runs the scheduled jobs while the application runs: each when its interval has passed since its last
/// run as recorded in the data file (so a restart neither repeats a job early nor forgets it), one at a
/// time, until graceful shutdown. A failing job is logged, counted and tried again at its next turn.
struct JobScheduler: Service {
    let jobs: [ScheduledJob]
    let log: JobLog
    let logger: Logger
    let registry: PrometheusCollectorRegistry
    /// How often due jobs are looked for.
    var tick: Duration = .seconds(1)
    var now: @Sendable () -> Date = Date.init

    private static var runs: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "bms", metricName: "job_runs", unitName: "total", helpText: "Background job runs, by job and outcome.")
    }

    /// Returns (without error) on graceful shutdown or cancellation, so that a stopping server exits 0.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for job in jobs where Task.isCancelled == false && ((try? isDue(job)) ?? false) { await runOnce(job) }
                try? await Task.sleep(for: tick)
            }
        }
    }

    func isDue(_ job: ScheduledJob) throws -> Bool {
        guard let last = try log.state(job.name)?.lastRunAt else { return true }
        return now().timeIntervalSince(last) >= job.every.timeInterval
    }

    /// Runs `job` once and records how it went; never throws, so one failing job cannot stop the others.
    func runOnce(_ job: ScheduledJob) async {
        let started = now()
        let (report, failed): (String, Bool)
        do {
            (report, failed) = (try await job.run(), false)
        } catch {
            (report, failed) = (String(describing: error), true)
            logger.error("job failed", metadata: ["job": .string(job.name), "error": .string(report)])
        }
        registry.makeCounter(descriptor: Self.runs, labels: [("job", job.name), ("outcome", failed ? "failed" : "ok")]).increment()
        do {
            try await log.record(job.name, at: started, report: report, failed: failed)
        } catch {
            logger.error("job state not saved", metadata: ["job": .string(job.name), "error": .string(String(describing: error))])
        }
    }
}

extension JobScheduler {
    /// The application's jobs: pending bookings whose hold ended are cancelled every minute (their beds
    /// were free from that moment; this tidies the records and tells the seeker), finished stays are
    /// completed every hour, and every minute refunds that are due and owners' held shares are settled
    /// (retrying what failed when it first happened). With the demo provider, its undelivered events are
    /// delivered again every minute and owners' balances are paid out every `DEMO_PAYOUT_MINUTES`.
    init(_ dependencies: AppDependencies) {
        let (bookings, payments) = (dependencies.bookings, dependencies.payments)
        var jobs = [
            ScheduledJob(name: "expire-holds", every: .seconds(60)) { "\(try await bookings.expireHolds()) expired" },
            ScheduledJob(name: "complete-stays", every: .seconds(3600)) { "\(try await bookings.completeFinishedStays()) completed" },
            ScheduledJob(name: "settle-payments", every: .seconds(60)) {
                "\(try await payments.settleRefunds()) refunded, \(try await payments.releaseAllHeldShares()) held shares passed on"
            },
        ]
        if let demo = dependencies.demoPayments {
            jobs.append(ScheduledJob(name: "demo-events", every: .seconds(60)) { "\(await demo.deliverPendingEvents()) delivered" })
            jobs.append(
                ScheduledJob(name: "demo-payouts", every: .seconds(dependencies.configuration.demoPayoutMinutes * 60)) {
                    "\(try await demo.runPayouts()) paid out"
                })
        }
        self.init(
            jobs: jobs,
            log: dependencies.jobLog, logger: dependencies.logger, registry: dependencies.metricsRegistry, now: dependencies.now
        )
    }
}
