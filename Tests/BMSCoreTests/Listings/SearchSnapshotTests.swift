import BMSStore
import Foundation
import StoreTestSupport
import Synchronization
import Testing

@testable import BMSCore

@Suite("Search snapshot: read only while the listings are as it saw them, rebuilt in the background")
struct SearchSnapshotTests {
    @Test("a change sends the next search to the store, which sees it; a refresh brings the snapshot back, seeing it too")
    func aStaleSnapshotIsNeverRead() async throws {
        let world = try await SearchWorld(seed: 21, properties: 120, searchSnapshot: .manual)
        let query = try SearchQuery.parse([("city", "Bengaluru"), ("sort", "price"), ("limit", "50")])
        let before = try world.listings.search(query)
        #expect(before.readSnapshot && before.hits.map(\.id) == Array(world.bruteForce(query).prefix(50)))

        try await world.addListing(city: "Bengaluru", index: 0)
        let expected = Array(world.bruteForce(query).prefix(50))
        #expect(Set(expected) != Set(before.hits.map(\.id)), "the new listing is among the first fifty by price")
        let afterChange = try world.listings.search(query)
        #expect(!afterChange.readSnapshot && afterChange.hits.map(\.id) == expected)

        try world.listings.refreshSearchSnapshot()
        // Another page size, so that the answer cache, which holds the last one for this count, does not answer.
        var again = query
        again.limit = 49
        let refreshed = try world.listings.search(again)
        #expect(refreshed.readSnapshot && refreshed.hits.map(\.id) == Array(expected.prefix(49)))
    }

    @Test("text terms are matched from the token lists: exact words, the last as a prefix, accents folded, with other filters")
    func textSearchFromTheTokenLists() async throws {
        let world = try await SearchWorld(seed: 23, properties: 300, searchSnapshot: .manual)
        let searches: [[(String, String)]] = [
            [("q", "furn")], [("q", "cafe stud")], [("q", "koramangala furnished")], [("q", "quiet garden budg"), ("city", "Bengaluru")],
            [("q", "metro"), ("amenities", "wifi"), ("sort", "price")], [("q", "zzzz")], [("q", "f")],
        ]
        for parameters in searches {
            let query = try SearchQuery.parse(parameters)
            let page = try world.listings.search(query)
            #expect(page.readSnapshot, "\(parameters)")
            #expect(try world.allPages(query, limit: 20).ids == world.bruteForce(query), "\(parameters)")
        }
    }

    @Test("automatic: a search finding no current snapshot starts one rebuild in the background, and reads the store meanwhile")
    func rebuildsInTheBackground() async throws {
        let fixture = try ListingsFixture()
        _ = try await fixture.listed(owner: try await fixture.user(), admin: try await fixture.admin())
        let (store, properties) = (fixture.store, fixture.listings.properties)
        let builds = Atomic(0)
        let snapshots = SearchSnapshots(mode: .automatic, rebuildInterval: .zero) {
            builds.add(1, ordering: .relaxed)
            let changeCount = store.changeCount(of: properties)
            return try store.read { txn in try SearchSnapshot.build(txn, properties, changeCount: changeCount) }
        }
        let count = store.changeCount(of: properties)
        #expect(snapshots.snapshot(for: count) == nil)
        let current = try await Self.eventually { snapshots.snapshot(for: count) }
        #expect(current.listingCount == 1 && current.changeCount == count)
        #expect(builds.load(ordering: .relaxed) == 1)

        // A later count: the kept snapshot is not given out, and a rebuild for it starts.
        #expect(snapshots.snapshot(for: count + 1) == nil)
        _ = try await Self.eventually { builds.load(ordering: .relaxed) == 2 ? true : nil }
        #expect(snapshots.kept?.changeCount == count)
    }

    @Test("automatic: rebuilds start at most once per interval, and a failed build is tried again after it")
    func rebuildsAreSpacedAndRetried() async throws {
        let fixture = try ListingsFixture()
        let (store, properties) = (fixture.store, fixture.listings.properties)
        let attempts = Atomic(0)
        let clock = Mutex(ContinuousClock.now)
        let build: @Sendable () throws -> SearchSnapshot = {
            // The first attempt fails, as a store error would.
            guard attempts.add(1, ordering: .relaxed).newValue > 1 else { throw StoreError.corrupt(table: "properties", reason: "test") }
            return try store.read { txn in try SearchSnapshot.build(txn, properties, changeCount: 0) }
        }
        let snapshots = SearchSnapshots(mode: .automatic, rebuildInterval: .seconds(10), now: { clock.withLock { $0 } }, build: build)
        #expect(snapshots.snapshot(for: 0) == nil)
        _ = try await Self.eventually { attempts.load(ordering: .relaxed) == 1 && !snapshots.isRebuilding ? true : nil }
        clock.withLock { $0 += .seconds(9) }
        #expect(snapshots.snapshot(for: 0) == nil && !snapshots.isRebuilding, "a second attempt within the interval")
        clock.withLock { $0 += .seconds(1) }
        #expect(snapshots.snapshot(for: 0) == nil)
        let built = try await Self.eventually { snapshots.snapshot(for: 0) }
        #expect(built.listingCount == 0 && attempts.load(ordering: .relaxed) == 2)
    }

    @Test("automatic: while a rebuild runs, searches start no other")
    func oneRebuildAtATime() async throws {
        let fixture = try ListingsFixture()
        let (store, properties) = (fixture.store, fixture.listings.properties)
        let attempts = Atomic(0)
        let released = Atomic(false)
        let snapshots = SearchSnapshots(mode: .automatic, rebuildInterval: .zero) {
            attempts.add(1, ordering: .relaxed)
            while !released.load(ordering: .acquiring) { usleep(1_000) }
            return try store.read { txn in try SearchSnapshot.build(txn, properties, changeCount: 0) }
        }
        #expect(snapshots.snapshot(for: 0) == nil)
        _ = try await Self.eventually { attempts.load(ordering: .relaxed) == 1 ? true : nil }
        for _ in 0..<10 { #expect(snapshots.snapshot(for: 0) == nil) }
        #expect(snapshots.isRebuilding && attempts.load(ordering: .relaxed) == 1)
        released.store(true, ordering: .releasing)
        _ = try await Self.eventually { snapshots.snapshot(for: 0) }
        #expect(attempts.load(ordering: .relaxed) == 1)
    }

    @Test("off and manual never build on their own")
    func onlyAutomaticBuildsOnItsOwn() async throws {
        for mode in [SearchSnapshotMode.off, .manual] {
            let builds = Atomic(0)
            let snapshots = SearchSnapshots(mode: mode, rebuildInterval: .zero) {
                builds.add(1, ordering: .relaxed)
                throw StoreError.corrupt(table: "properties", reason: "not to be built")
            }
            #expect(snapshots.snapshot(for: 0) == nil)
            try await Task.sleep(for: .milliseconds(50))
            #expect(builds.load(ordering: .relaxed) == 0)
        }
    }

    struct TimedOut: Error {}

    /// `value()` once it is not nil, polled for up to five seconds.
    static func eventually<T>(_ value: () -> T?) async throws -> T {
        for _ in 0..<500 {
            if let found = value() { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TimedOut()
    }
}
