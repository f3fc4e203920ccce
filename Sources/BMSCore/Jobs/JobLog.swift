import BMSStore
import Foundation

/// The last run of a background job, persisted, so that a restart knows what is due and an operator can
/// see when each job last ran and how it ended.
public struct JobState: Codable, Sendable, Equatable {
    public var lastRunAt: Date
    /// "ok: 3" (what the job reports it did) or "failed: …".
    public var lastOutcome: String
    public var runs: Int
    public var failures: Int
}

/// The "jobs" table: job name → its `JobState`.
public struct JobLog: Sendable {
    static let tableName = "jobs"

    private let states: Table<StringCodec, JSONCodec<JobState>>
    private let store: Store

    public init(store: Store) throws {
        self.store = store
        states = try store.table(Self.tableName, key: StringCodec.self, value: JSONCodec<JobState>.self)
    }

    public func state(_ job: String) throws -> JobState? {
        try store.read { txn in try states.get(txn, job) }
    }

    /// Every job's state, by name.
    public func all() throws -> [String: JobState] {
        try store.read { txn in Dictionary(uniqueKeysWithValues: try states.entries(txn).map { ($0.key, $0.value) }) }
    }

    /// Records a run of `job` at `at`: what it reported, and whether it failed.
    public func record(_ job: String, at: Date, report: String, failed: Bool) async throws {
        try await store.write { [states] txn in
            var state = try states.get(txn, job) ?? JobState(lastRunAt: at, lastOutcome: "", runs: 0, failures: 0)
            state.lastRunAt = at.truncatedToMicroseconds
            state.lastOutcome = failed ? "failed: \(report)" : "ok: \(report)"
            state.runs += 1
            if failed { state.failures += 1 }
            try states.put(txn, job, state)
        }
    }
}
