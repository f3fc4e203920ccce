import Synchronization

/// Whether search keeps a `SearchSnapshot` of the listings, and who rebuilds it.
public enum SearchSnapshotMode: Sendable {
    /// Search always reads the store's indexes.
    case off
    /// Rebuilt only by `ListingService.refreshSearchSnapshot()`: for tests and tools that choose when.
    case manual
    /// Rebuilt in the background after the listings change: the server's way.
    case automatic
}

/// The `SearchSnapshot` search may read, and its rebuilding after the listings change.
///
/// A search asks for the snapshot of the properties' current change count. When the one kept is older, the
/// search reads the store's indexes, as it always can, and (`automatic`) a rebuild starts in the background
/// unless one is running or one started less than `rebuildInterval` ago. Under a stream of listing
/// changes the snapshot lags and searches read the store; it is never read once a change has made it stale.
final class SearchSnapshots: Sendable {
    /// The least time between two rebuilds' starts by default: a rebuild of 100,000 listings takes a core
    /// for most of a second, which a stream of changes must not keep it doing.
    static let defaultRebuildInterval: Duration = .seconds(2)

    private struct State {
        var snapshot: SearchSnapshot?
        var isBuilding = false
        var lastStart: ContinuousClock.Instant?
    }

    let mode: SearchSnapshotMode
    let rebuildInterval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let build: @Sendable () throws -> SearchSnapshot
    private let state = Mutex(State())

    /// - Parameters:
    ///   - now: the clock rebuilds are spaced by; tests pass their own.
    ///   - build: reads a snapshot of the listings as they are now.
    init(
        mode: SearchSnapshotMode, rebuildInterval: Duration = SearchSnapshots.defaultRebuildInterval,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }, build: @escaping @Sendable () throws -> SearchSnapshot
    ) {
        self.mode = mode
        self.rebuildInterval = rebuildInterval
        self.now = now
        self.build = build
    }

    /// The snapshot that answers for `changeCount`, if one is kept; otherwise nil, after starting a rebuild
    /// in the background when `automatic` and none is due to run.
    func snapshot(for changeCount: UInt64) -> SearchSnapshot? {
        guard mode != .off else { return nil }
        let (current, rebuilds) = state.withLock { state -> (SearchSnapshot?, Bool) in
            if let kept = state.snapshot, kept.changeCount == changeCount { return (kept, false) }
            let now = now()
            guard mode == .automatic, !state.isBuilding, state.lastStart.map({ now - $0 >= rebuildInterval }) ?? true else {
                return (nil, false)
            }
            state.isBuilding = true
            state.lastStart = now
            return (nil, true)
        }
        if rebuilds {
            Task.detached(priority: .utility) { [self] in
                // A failed build leaves the store's indexes to answer; the next search after the interval tries again.
                install(try? build(), endingBackgroundBuild: true)
            }
        }
        return current
    }

    /// The snapshot kept, current or not.
    var kept: SearchSnapshot? { state.withLock { $0.snapshot } }

    /// Whether a background rebuild is running.
    var isRebuilding: Bool { state.withLock { $0.isBuilding } }

    /// Builds a snapshot now and keeps it.
    func refresh() throws {
        install(try build(), endingBackgroundBuild: false)
    }

    /// Keeps `snapshot` unless a newer one is kept already (two builds may finish out of order).
    private func install(_ snapshot: SearchSnapshot?, endingBackgroundBuild: Bool) {
        state.withLock { state in
            if endingBackgroundBuild { state.isBuilding = false }
            guard let snapshot, snapshot.changeCount >= state.snapshot?.changeCount ?? 0 else { return }
            state.snapshot = snapshot
        }
    }
}
