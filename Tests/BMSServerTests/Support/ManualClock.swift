import Foundation
import Synchronization

@testable import BMSServer

/// A clock the test moves by hand, for the rate limiter (`now`, monotonic) and the accounts (`date`, the
/// wall clock: token expiry, lockouts): no test waits for real time to pass.
final class ManualClock: Sendable {
    private let elapsed: Mutex<Duration>
    /// The wall-clock time when `elapsed` was zero.
    private let origin = Date()

    /// - Parameter elapsed: how far ahead of the real time `date` starts (zero for a test whose clock must
    ///   agree with another process's, such as a fake Stripe signing webhooks with the real time).
    init(elapsed: Duration = .seconds(1000)) { self.elapsed = Mutex(elapsed) }

    var now: @Sendable () -> Duration { { [self] in self.elapsed.withLock { $0 } } }

    var date: @Sendable () -> Date { { [self] in self.origin.addingTimeInterval(self.elapsed.withLock { $0 }.seconds) } }

    func advance(by duration: Duration) { elapsed.withLock { $0 += duration } }
}
