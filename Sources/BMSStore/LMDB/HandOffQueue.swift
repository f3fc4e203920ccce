import Foundation

/// Items handed from any thread to the one thread that consumes them, in order: the writer's requests
/// and the acknowledger's answers. Closing refuses new items and lets the consumer drain what is queued.
final class HandOffQueue<Item: Sendable>: Sendable {
    private struct State: ~Copyable {
        var items: [Item] = []
        var isClosed = false
    }

    private let condition = NSCondition()
    // Safety: `state` is read and written only while `condition` is locked.
    nonisolated(unsafe) private var state = State()

    /// Queues `items`, or refuses them (false) once the queue is closed.
    @discardableResult
    func append(contentsOf items: some Sequence<Item>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !state.isClosed else { return false }
        state.items.append(contentsOf: items)
        condition.signal()
        return true
    }

    /// Closes the queue; false when it was closed already.
    func close() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let wasOpen = !state.isClosed
        state.isClosed = true
        condition.signal()
        return wasOpen
    }

    /// Waits for items and takes up to `limit` of them, oldest first; nil once the queue is closed and empty.
    func next(limit: Int = .max) -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while state.items.isEmpty && !state.isClosed { condition.wait() }
        if state.items.isEmpty { return nil }
        let count = min(limit, state.items.count)
        let taken = Array(state.items.prefix(count))
        state.items.removeFirst(count)
        return taken
    }
}
