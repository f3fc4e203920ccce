import Foundation
import Synchronization

/// Something that happened in the domain, for live delivery (the WebSocket issue) and tests.
public struct DomainEvent: Sendable, Equatable {
    /// "booking-request", "booking-update", "booking-confirmed", …
    public var type: String
    /// The users it concerns.
    public var recipients: [UserID]
    public var bookingID: BookingID?
    public var at: Date
}

/// An in-process event bus: every subscriber gets every event published after it subscribed. Events
/// are published after the transaction that caused them commits, so no one hears of a change that was
/// rolled back.
public final class DomainEvents: Sendable {
    private let subscribers = Mutex<[UUID: AsyncStream<DomainEvent>.Continuation]>([:])

    public init() {}

    public func subscribe() -> AsyncStream<DomainEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: DomainEvent.self, bufferingPolicy: .bufferingNewest(1000))
        continuation.onTermination = { [weak self] _ in _ = self?.subscribers.withLock { $0.removeValue(forKey: id) } }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    public func publish(_ events: [DomainEvent]) {
        let continuations = subscribers.withLock { Array($0.values) }
        for event in events { for continuation in continuations { continuation.yield(event) } }
    }
}
