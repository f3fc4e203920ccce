import Synchronization

/// A clock the test moves by hand, for the rate limiter: no test waits for real time to pass.
final class ManualClock: Sendable {
    private let elapsed = Mutex(Duration.seconds(1000))

    var now: @Sendable () -> Duration { { [self] in self.elapsed.withLock { $0 } } }

    func advance(by duration: Duration) { elapsed.withLock { $0 += duration } }
}
