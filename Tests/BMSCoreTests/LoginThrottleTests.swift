import Foundation
import Testing

@testable import BMSCore

@Suite("The login throttle's memory bound")
struct LoginThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func key(_ index: Int) -> LoginThrottle.Key {
        LoginThrottle.Key(email: "user\(index)@example.com", clientAddress: "10.0.0.1")
    }

    @Test("when full, keys whose failures left the window go first")
    func dropsStaleKeys() {
        let throttle = LoginThrottle(limit: 2, window: .seconds(60), capacity: 3)
        for index in 0..<2 { throttle.recordFailure(Self.key(index), now: Self.start) }
        let later = Self.start.addingTimeInterval(30)
        throttle.recordFailure(Self.key(2), now: later)
        throttle.recordFailure(Self.key(2), now: later)
        // At 61 s keys 0 and 1 are stale; key 2 (locked) survives the new arrival.
        let now = Self.start.addingTimeInterval(61)
        throttle.recordFailure(Self.key(3), now: now)
        #expect(throttle.retryAfter(Self.key(2), now: now) == .seconds(29))
    }

    @Test("when full of live keys, the one that failed longest ago goes")
    func dropsLeastRecent() {
        let throttle = LoginThrottle(limit: 2, window: .seconds(600), capacity: 2)
        throttle.recordFailure(Self.key(0), now: Self.start)
        throttle.recordFailure(Self.key(0), now: Self.start)
        throttle.recordFailure(Self.key(1), now: Self.start.addingTimeInterval(1))
        throttle.recordFailure(Self.key(1), now: Self.start.addingTimeInterval(1))
        let now = Self.start.addingTimeInterval(2)
        throttle.recordFailure(Self.key(2), now: now)
        #expect(throttle.retryAfter(Self.key(0), now: now) == nil)
        #expect(throttle.retryAfter(Self.key(1), now: now) == .seconds(599))
    }
}
