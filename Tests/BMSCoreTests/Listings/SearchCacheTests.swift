import BMSStore
import Foundation
import Synchronization
import Testing

@testable import BMSCore

@Suite("Search answers kept until a listing changes")
struct SearchCacheTests {
    private static func page(total: Int) -> SearchPage {
        SearchPage(hits: [], total: total, totalIsExact: true, nextCursor: nil, servedBy: "city")
    }

    private static func key(_ parameters: [(String, String)]) throws -> SearchCache.Key {
        SearchCache.Key(query: try SearchQuery.parse(parameters), totalCountLimit: 100)
    }

    @Test("an answer is given for the change count it was read at only; a later count starts the cache over, an earlier one is not kept")
    func answersBelongToTheirChangeCount() throws {
        let cache = SearchCache(capacity: 8)
        let (pune, delhi) = (try Self.key([("city", "Pune")]), try Self.key([("city", "Delhi")]))
        cache.keep(Self.page(total: 1), for: pune, changeCount: 3)
        #expect(cache.page(for: pune, changeCount: 3)?.total == 1)
        #expect(cache.page(for: delhi, changeCount: 3) == nil)
        #expect(cache.page(for: pune, changeCount: 4) == nil)

        cache.keep(Self.page(total: 2), for: delhi, changeCount: 4)
        #expect(cache.count == 1)
        #expect(cache.page(for: pune, changeCount: 4) == nil)
        #expect(cache.page(for: delhi, changeCount: 4)?.total == 2)

        // A search that read its count before the change and finished after it is not kept.
        cache.keep(Self.page(total: 9), for: pune, changeCount: 3)
        #expect(cache.page(for: pune, changeCount: 3) == nil && cache.page(for: pune, changeCount: 4) == nil)
        #expect(cache.count == 1)
    }

    @Test("never more answers than its capacity; none with capacity 0; never a search with stay dates")
    func boundedAndSelective() throws {
        let cache = SearchCache(capacity: 5)
        for price in 0..<20 { cache.keep(Self.page(total: price), for: try Self.key([("priceMax", "\(price)")]), changeCount: 1) }
        #expect(cache.count == 5)
        let kept = try (0..<20).filter { (price: Int) in
            cache.page(for: try Self.key([("priceMax", String(price))]), changeCount: 1)?.total == price
        }
        #expect(kept.count == 5 && kept.contains(19))

        #expect(!SearchCache(capacity: 0).accepts(SearchQuery()))
        #expect(cache.accepts(SearchQuery()))
        #expect(!cache.accepts(try SearchQuery.parse([("from", "2026-12-01"), ("to", "2026-12-05")])))
    }

    @Test("when full, the answer not given out since the clock hand last passed makes room; one given out is spared once")
    func popularAnswersStay() throws {
        let cache = SearchCache(capacity: 3)
        let keys = try ["Agra", "Bhopal", "Chennai", "Delhi", "Erode"].map { try Self.key([("city", $0)]) }
        for (index, key) in keys.prefix(3).enumerated() { cache.keep(Self.page(total: index), for: key, changeCount: 1) }
        #expect(cache.page(for: keys[0], changeCount: 1)?.total == 0)
        cache.keep(Self.page(total: 3), for: keys[3], changeCount: 1)
        let kept = { keys.indices.filter { cache.page(for: keys[$0], changeCount: 1) != nil } }
        #expect(kept() == [0, 2, 3])
        // Every kept answer was just given out: the hand spares each once, then drops the first it meets.
        cache.keep(Self.page(total: 4), for: keys[4], changeCount: 1)
        #expect(cache.count == 3)
        #expect(kept().count == 3 && kept().contains(4))
        SearchCache(capacity: 0).keep(Self.page(total: 0), for: keys[0], changeCount: 1)
    }

    @Test("the same query asked again is answered from the cache while only other collections change")
    func repeatedQueriesAreKept() async throws {
        let fixture = try ListingsFixture()
        let (owner, admin) = (try await fixture.user(), try await fixture.admin())
        try await fixture.listed(owner: owner, admin: admin)
        let query = try SearchQuery.parse([("city", "Bengaluru")])
        let first = try fixture.listings.search(query)
        let count = fixture.store.changeCount(of: fixture.listings.properties)
        #expect(fixture.listings.searchCache.count == 1)

        _ = try await fixture.user("seeker")
        fixture.clock.advance(.seconds(3600))
        #expect(fixture.store.changeCount(of: fixture.listings.properties) == count)
        #expect(try fixture.listings.search(query).hits == first.hits)
        #expect(fixture.listings.searchCacheStatistics == SearchCacheStatistics(hits: 1, misses: 1, entries: 1))
    }

    @Test("every change a seeker could see in results shows in the very next search: price, name, a new property verified, deletion")
    func changesShowAtOnce() async throws {
        let fixture = try ListingsFixture()
        let (owner, admin) = (try await fixture.user(), try await fixture.admin())
        let property = try await fixture.listed(owner: owner, admin: admin, price: 800_000)
        let query = try SearchQuery.parse([("city", "Bengaluru"), ("sort", "price")])
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: owner)?.first)
        #expect(try fixture.listings.search(query).hits.map(\.minPrice) == [Money(minorUnits: 800_000)])

        _ = try await fixture.listings.updateRoom(room.id, ListingsFixture.roomForm(property.id, price: 650_000), by: owner)
        #expect(try fixture.listings.search(query).hits.map(\.minPrice) == [Money(minorUnits: 650_000)])

        _ = try await fixture.listings.updateProperty(property.id, ListingsFixture.form(name: "Moonrise PG"), by: owner)
        #expect(try fixture.listings.search(query).hits.map(\.name) == ["Moonrise PG"])

        let other = try await fixture.listings.createProperty(ListingsFixture.form(name: "Second PG"), by: owner)
        _ = try await fixture.listings.createRoom(ListingsFixture.roomForm(other.id, price: 500_000), by: owner)
        #expect(try fixture.listings.search(query).total == 1)
        _ = try await fixture.listings.verify(other.id, VerificationDecision(status: "verified"), by: admin)
        #expect(try fixture.listings.search(query).hits.map(\.id) == [other.id, property.id])

        try await fixture.listings.deleteProperty(other.id, by: owner)
        #expect(try fixture.listings.search(query).hits.map(\.id) == [property.id])
    }

    @Test("searches running beside a stream of changes never answer from before a change that was done when they began")
    func concurrentChangesAreNeverMissed() async throws {
        let fixture = try ListingsFixture()
        let (owner, admin) = (try await fixture.user(), try await fixture.admin())
        let base: Int64 = 500_000
        let property = try await fixture.listed(owner: owner, admin: admin, price: base)
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: owner)?.first)
        let query = try SearchQuery.parse([("city", "Bengaluru")])
        let changes = 150
        let acknowledged = Atomic(0)
        let listings = fixture.listings
        async let written: Void = {
            for step in 1...changes {
                _ = try await listings.updateRoom(room.id, ListingsFixture.roomForm(property.id, price: base + Int64(step)), by: owner)
                acknowledged.store(step, ordering: .releasing)
            }
        }()
        var searches = 0
        var stale: [(done: Int, seen: Int64)] = []
        // Bounded, so that a writer that fails ends the loop (its error then comes from `written`).
        let deadline = ContinuousClock.now + .seconds(120)
        while acknowledged.load(ordering: .acquiring) < changes, ContinuousClock.now < deadline {
            let done = acknowledged.load(ordering: .acquiring)
            let seen = try #require(try listings.search(query).hits.first).minPrice.minorUnits - base
            if seen < Int64(done) { stale.append((done, seen)) }
            searches += 1
            await Task.yield()
        }
        try await written
        #expect(stale.isEmpty, "answers older than the change done before the search: \(stale.prefix(5))")
        #expect(searches > 0)
        #expect(try listings.search(query).hits.first?.minPrice == Money(minorUnits: base + Int64(changes)))
    }
}
