import Glibc

/// Lets many transactions run at once and, rarely, lets one caller run alone: LMDB's
/// `mdb_env_set_mapsize` and `mdb_env_close` need that no transaction of this process is open.
///
/// A pthread read-write lock with glibc's default reader preference, so that a read nested inside
/// another read on the same thread cannot deadlock behind a waiting grower. Growth still gets its turn:
/// reads are synchronous and short, and there are never more at once than threads running them.
/// Held only around synchronous code, never across an `await`.
final class ResizeGate: @unchecked Sendable {
    // Safety: the lock is initialised once in `init`, destroyed once in `deinit`, and otherwise touched
    // only through pthread calls, which are thread-safe by definition.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        precondition(pthread_rwlock_init(lock, nil) == 0, "pthread_rwlock_init failed")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func shared<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
