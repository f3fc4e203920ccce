import BMSStore
import Synchronization
import Testing

@testable import BMSCore

@Suite("Search planning's recent counts")
struct PlanningCountsTests {
    /// A clock the test moves.
    final class TestClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 = $0.advanced(by: duration) } }
    }

    /// A source whose every count is recorded, holding `entries` entries.
    final class CountedSource: Sendable {
        private let counts = Mutex(0)
        let entries: Int
        init(entries: Int) { self.entries = entries }
        var timesCounted: Int { counts.withLock { $0 } }
        func count(budget: Int) -> Int? {
            counts.withLock { $0 += 1 }
            return entries <= budget ? entries : nil
        }
    }

    private let key = PlanningCounts.Key(source: .text("koramangala", prefix: false), priceMax: nil)

    @Test("a recent count answers every budget it can without counting again; a budget above what it stopped at counts again")
    func reusesWhatACountTells() {
        let clock = TestClock()
        let counts = PlanningCounts(now: { clock.now })
        let small = CountedSource(entries: 1_300)
        #expect(counts.count(key, budget: 2_048) { small.count(budget: 2_048) } == 1_300)
        for budget in [1_300, 5_000, 1_299, 10] {
            #expect(counts.count(key, budget: budget) { small.count(budget: budget) } == (1_300 <= budget ? 1_300 : nil))
        }
        #expect(small.timesCounted == 1)

        let large = CountedSource(entries: 9_000)
        let other = PlanningCounts.Key(source: .text("furn", prefix: true), priceMax: nil)
        #expect(counts.count(other, budget: 1_300) { large.count(budget: 1_300) } == nil)
        #expect(counts.count(other, budget: 500) { large.count(budget: 500) } == nil)
        #expect(large.timesCounted == 1)
        #expect(counts.count(other, budget: 10_000) { large.count(budget: 10_000) } == 9_000)
        #expect(large.timesCounted == 2)
        #expect(counts.count(other, budget: 8_999) { large.count(budget: 8_999) } == nil)
        #expect(large.timesCounted == 2)
    }

    @Test("counts are taken again once older than their lifetime, and the same source under another price cap is another count")
    func countsAgeAndAreKeyedByPriceCap() {
        let clock = TestClock()
        let counts = PlanningCounts(lifetime: .seconds(30), now: { clock.now })
        let source = CountedSource(entries: 40)
        func count(priceMax: Money?) -> Int? {
            counts.count(PlanningCounts.Key(source: .city("pune"), priceMax: priceMax), budget: 100) { source.count(budget: 100) }
        }
        _ = count(priceMax: nil)
        clock.advance(by: .seconds(29))
        _ = count(priceMax: nil)
        #expect(source.timesCounted == 1)
        _ = count(priceMax: Money(minorUnits: 500_000))
        #expect(source.timesCounted == 2)
        clock.advance(by: .seconds(1))
        _ = count(priceMax: nil)
        #expect(source.timesCounted == 3)
    }

    @Test("a remembered value, none included, is reused until its lifetime is over, then worked out again")
    func rememberedValues() {
        let clock = TestClock()
        let values = RecentValues<String, Amenity?>(lifetime: .seconds(30), now: { clock.now })
        var worked = 0
        func rarest(_ city: String, _ answer: Amenity?) -> Amenity? {
            values.value(for: city) {
                worked += 1
                return answer
            }
        }
        #expect(rarest("pune", .gym) == .gym)
        #expect(rarest("pune", .wifi) == .gym)
        #expect(rarest("agra", nil) == nil)
        #expect(rarest("agra", .wifi) == nil)
        #expect(worked == 2)
        clock.advance(by: .seconds(30))
        #expect(rarest("pune", .wifi) == .wifi)
        #expect(worked == 3)
    }

    @Test("a full cache starts over rather than growing")
    func boundedByCapacity() {
        let counts = PlanningCounts(capacity: 3)
        let source = CountedSource(entries: 1)
        let keys = ["a", "b", "c", "d"].map { PlanningCounts.Key(source: .city($0), priceMax: nil) }
        for key in keys { _ = counts.count(key, budget: 10) { source.count(budget: 10) } }
        #expect(source.timesCounted == 4)
        // "d" was kept after the cache started over; "a" was dropped with the rest.
        _ = counts.count(keys[3], budget: 10) { source.count(budget: 10) }
        #expect(source.timesCounted == 4)
        _ = counts.count(keys[0], budget: 10) { source.count(budget: 10) }
        #expect(source.timesCounted == 5)
    }
}
