import CLMDB
import Foundation
import Synchronization

/// Owns one `MDB_env`. Every transaction of the process begins here, under the `ResizeGate`, so that map
/// growth and close can wait for a moment with no transaction open.
final class Environment: @unchecked Sendable {
    // Safety: LMDB documents an `MDB_env` as shareable between threads. With `MDB_NOTLS` read
    // transactions are not tied to threads. The two calls that need no transaction open in the process
    // (`mdb_env_set_mapsize`, `mdb_env_close`) run under `gate.exclusive`, every transaction under
    // `gate.shared`; `isClosed` is atomic and checked under the gate before the handle is used.
    private let handle: OpaquePointer
    let path: String
    let isFile: Bool
    let maximumMapSize: Int
    private let gate = ResizeGate()
    private let isClosed = Atomic<Bool>(false)

    /// Opens or creates the environment. `path` is a directory (holding `data.mdb` and `lock.mdb`, created
    /// if missing) or an existing data file, as written by `backup(to:)`.
    init(path: String, options: StoreOptions) throws {
        let location = try Environment.prepare(path)
        var env: OpaquePointer?
        try throwIfFailed(mdb_env_create(&env), "mdb_env_create")
        guard let env else { throw StoreError.lmdb(operation: "mdb_env_create", code: ENOMEM) }
        do {
            try throwIfFailed(mdb_env_set_maxdbs(env, MDB_dbi(options.maximumTables)), "mdb_env_set_maxdbs")
            try throwIfFailed(mdb_env_set_maxreaders(env, UInt32(options.maximumReaders)), "mdb_env_set_maxreaders")
            try throwIfFailed(mdb_env_set_mapsize(env, pageRounded(options.initialMapSize)), "mdb_env_set_mapsize")
            // MDB_NOMETASYNC: a commit syncs its pages but not its meta page; the next `sync()` does (see
            // DurableAcknowledger), so the writer need not wait for it. MDB_NORDAHEAD: see DataFileCache.
            let flags =
                UInt32(MDB_NOTLS) | UInt32(MDB_NOMETASYNC) | UInt32(MDB_NORDAHEAD) | (location.isFile ? UInt32(MDB_NOSUBDIR) : 0)
            let rc = mdb_env_open(env, path, flags, 0o600)
            switch rc {
            case 0: break
            case MDB_INVALID, MDB_VERSION_MISMATCH:
                throw StoreError.notOurFile(path: location.dataFile, reason: String(cString: mdb_strerror(rc)))
            case EACCES, EROFS, ENOENT, ENOTDIR, EPERM, EISDIR:
                throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(rc)))
            default:
                throw StoreError.lmdb(operation: "mdb_env_open(\(path))", code: rc)
            }
            DataFileCache.refill(location.dataFile, of: env)
            var dead: Int32 = 0
            try throwIfFailed(mdb_reader_check(env, &dead), "mdb_reader_check")
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.handle = env
        self.path = path
        self.isFile = location.isFile
        self.maximumMapSize = pageRounded(options.maximumMapSize)
    }

    /// Checks the path and creates a missing data directory, so that LMDB's own errors are only about data.
    private static func prepare(_ path: String) throws(StoreError) -> (isFile: Bool, dataFile: String) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? (false, path + "/data.mdb") : (true, path)
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "\(error)"
            throw StoreError.cannotOpen(path: path, reason: "cannot create the data directory: \(reason)")
        }
        return (false, path + "/data.mdb")
    }

    /// Runs `body` in a read-only transaction that is aborted when it returns.
    func withReadTransaction<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        while true {
            let attempt: ReadAttempt<T> = try gate.shared {
                guard !isClosed.load(ordering: .acquiring) else { throw StoreError.closed }
                var txn: OpaquePointer?
                let rc = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn)
                if rc == MDB_MAP_RESIZED { return .mapResized }
                try throwIfFailed(rc, "mdb_txn_begin(read)")
                defer { mdb_txn_abort(txn) }
                return .done(try body(txn!))
            }
            switch attempt {
            case .done(let value): return value
            case .mapResized: adoptForeignMapSize()
            }
        }
    }

    /// Begins a write transaction, or a nested one inside `parent`. Only the writer thread calls this.
    func beginWrite(parent: OpaquePointer? = nil) throws(StoreError) -> OpaquePointer {
        guard !isClosed.load(ordering: .acquiring) else { throw StoreError.closed }
        var txn: OpaquePointer?
        var rc = mdb_txn_begin(handle, parent, 0, &txn)
        if rc == MDB_MAP_RESIZED {
            adoptForeignMapSize()
            rc = mdb_txn_begin(handle, parent, 0, &txn)
        }
        try throwIfFailed(rc, "mdb_txn_begin(write)")
        return txn!
    }

    /// Another process grew the map; adopting its size needs no transaction open in this one.
    private func adoptForeignMapSize() {
        gate.exclusive { _ = mdb_env_set_mapsize(handle, 0) }
    }

    /// Doubles the map, up to the maximum. Only the writer thread calls this, with no transaction open.
    func grow() throws {
        guard let current = usage()?.mapBytes else { throw StoreError.closed }
        guard current < maximumMapSize else { throw StoreError.mapFull(maximumBytes: maximumMapSize) }
        let next = min(maximumMapSize, pageRounded(current * 2))
        try gate.exclusive {
            try throwIfFailed(mdb_env_set_mapsize(handle, next), "mdb_env_set_mapsize")
        }
    }

    /// Map size and use; nil after `close()`, when the handle is gone.
    func usage() -> MapUsage? {
        gate.shared {
            guard !isClosed.load(ordering: .acquiring) else { return nil }
            var info = MDB_envinfo()
            var stat = MDB_stat()
            mdb_env_info(handle, &info)
            mdb_env_stat(handle, &stat)
            return MapUsage(
                usedBytes: (info.me_last_pgno + 1) * Int(stat.ms_psize),
                mapBytes: info.me_mapsize,
                maximumBytes: maximumMapSize)
        }
    }

    /// The id of the last transaction committed to the file, by this process or another; nil once closed.
    func lastCommittedTransaction() -> Int? {
        gate.shared {
            guard !isClosed.load(ordering: .acquiring) else { return nil }
            var info = MDB_envinfo()
            mdb_env_info(handle, &info)
            return info.me_last_txnid
        }
    }

    /// Flushes the data file: every commit before the call is durable when it returns.
    func sync() throws {
        try gate.shared {
            guard !isClosed.load(ordering: .acquiring) else { throw StoreError.closed }
            try throwIfFailed(mdb_env_sync(handle, 1), "mdb_env_sync")
        }
    }

    /// Writes a compacted, consistent copy of the environment to the open file `descriptor`.
    func copy(to descriptor: Int32) throws {
        try gate.shared {
            guard !isClosed.load(ordering: .acquiring) else { throw StoreError.closed }
            try throwIfFailed(mdb_env_copyfd2(handle, descriptor, UInt32(MDB_CP_COMPACT)), "mdb_env_copyfd2")
        }
    }

    func close() {
        gate.exclusive {
            guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
            // Commits made outside the writer (creating tables at open) may still have an unsynced meta page.
            _ = mdb_env_sync(handle, 1)
            mdb_env_close(handle)
        }
    }

    deinit { close() }
}

private enum ReadAttempt<T> {
    case done(T)
    case mapResized
}

private func pageRounded(_ bytes: Int) -> Int {
    let page = 4096
    return (max(bytes, page) + page - 1) / page * page
}
