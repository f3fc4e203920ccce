import CLMDB

/// Which way a scan walks its range.
public enum ScanDirection: Sendable {
    case forward
    case reverse
}

/// A typed handle to one named LMDB table: a tiny copyable value (the table's name and handle) whose
/// every operation takes the transaction explicitly.
///
/// ```swift
/// let names = try store.table("names", key: ObjectIDCodec.self, value: StringCodec.self)
/// try await store.write { txn in try names.put(txn, id, "Asha") }
/// let name = try store.read { txn in try names.get(txn, id) }
/// ```
public struct Table<Key: Codec, Value: Codec>: Sendable {
    public let name: String
    let dbi: MDB_dbi

    public func get(_ txn: some Transaction, _ key: Key.Item) throws -> Value.Item? {
        try getRaw(txn, try Key.encode(key)) { try Value.decode($0) }
    }

    public func contains(_ txn: some Transaction, _ key: Key.Item) throws -> Bool {
        try getRaw(txn, try Key.encode(key)) { _ in true } ?? false
    }

    /// Stores `value` under `key`, replacing what was there.
    public func put(_ txn: WriteTransaction, _ key: Key.Item, _ value: Value.Item) throws {
        try putRaw(txn, try Key.encode(key), try Value.encode(value), flags: 0)
    }

    /// Stores `value` only if `key` is absent; returns false (writing nothing) if it was present.
    @discardableResult
    public func insert(_ txn: WriteTransaction, _ key: Key.Item, _ value: Value.Item) throws -> Bool {
        try putRaw(txn, try Key.encode(key), try Value.encode(value), flags: UInt32(MDB_NOOVERWRITE))
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    public func delete(_ txn: WriteTransaction, _ key: Key.Item) throws -> Bool {
        try deleteRaw(txn, try Key.encode(key))
    }

    /// Removes every entry, keeping the table.
    public func removeAll(_ txn: WriteTransaction) throws {
        try txn.throwIfFailed(mdb_drop(txn.handle.raw, dbi, 0), "mdb_drop(\(name))")
        txn.status.changedTables.insert(dbi)
    }

    public func count(_ txn: some Transaction) throws -> Int {
        var stat = MDB_stat()
        try throwIfFailed(mdb_stat(txn.handle.raw, dbi, &stat), "mdb_stat(\(name))")
        return stat.ms_entries
    }

    /// Visits entries in `range` in key order (or reverse) until `body` returns false or `limit` entries
    /// have been visited.
    public func scan(
        _ txn: some Transaction, _ range: KeyRange = .all, direction: ScanDirection = .forward, limit: Int = .max,
        _ body: (Key.Item, Value.Item) throws -> Bool
    ) throws {
        var visited = 0
        try scanRaw(txn, range, direction: direction) { key, value in
            visited += 1
            return try body(try Key.decode(key), try Value.decode(value)) && visited < limit
        }
    }

    /// The entries in `range`, at most `limit`.
    public func entries(
        _ txn: some Transaction, _ range: KeyRange = .all, direction: ScanDirection = .forward, limit: Int = .max
    ) throws -> [(key: Key.Item, value: Value.Item)] {
        var out: [(key: Key.Item, value: Value.Item)] = []
        guard limit > 0 else { return out }
        try scan(txn, range, direction: direction, limit: limit) { key, value in
            out.append((key, value))
            return true
        }
        return out
    }
}

// MARK: - Byte-level operations, shared by typed tables, collections and indexes.

extension Table {
    func getRaw<T>(_ txn: some Transaction, _ key: [UInt8], _ read: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        try key.withUnsafeBytes { keyBytes in try getRaw(txn, keyBytes: keyBytes, read) }
    }

    /// `getRaw` for a key the caller holds in place (a stack buffer): no array for the key.
    func getRaw<T>(_ txn: some Transaction, keyBytes: UnsafeRawBufferPointer, _ read: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
        var data = MDB_val()
        let rc = mdb_get(txn.handle.raw, dbi, &keyValue, &data)
        if rc == MDB_NOTFOUND { return nil }
        try throwIfFailed(rc, "mdb_get(\(name))")
        return try read(UnsafeRawBufferPointer(start: data.mv_data, count: data.mv_size))
    }

    @discardableResult
    func putRaw(_ txn: WriteTransaction, _ key: [UInt8], _ value: [UInt8], flags: UInt32) throws -> Bool {
        try key.withUnsafeBytes { keyBytes in
            try value.withUnsafeBytes { valueBytes in
                var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                var data = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                let rc = mdb_put(txn.handle.raw, dbi, &keyValue, &data, flags)
                if rc == MDB_KEYEXIST { return false }
                try txn.throwIfFailed(rc, "mdb_put(\(name))")
                txn.status.changedTables.insert(dbi)
                return true
            }
        }
    }

    func deleteRaw(_ txn: WriteTransaction, _ key: [UInt8]) throws -> Bool {
        try key.withUnsafeBytes { keyBytes in
            var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            let rc = mdb_del(txn.handle.raw, dbi, &keyValue, nil)
            if rc == MDB_NOTFOUND { return false }
            try txn.throwIfFailed(rc, "mdb_del(\(name))")
            txn.status.changedTables.insert(dbi)
            return true
        }
    }

    /// Walks the raw entries of `range`; the buffers are valid only during each call of `body`.
    func scanRaw(
        _ txn: some Transaction, _ range: KeyRange, direction: ScanDirection,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try withCursor(txn) { cursor in try cursor.scanRaw(range, direction: direction, body) }
    }

    /// `scanRaw` forward over each of `ranges` in turn, with one cursor, until `body` returns false: a
    /// few short ranges cost a seek each rather than a cursor each.
    func scanRaw(
        _ txn: some Transaction, ranges: [KeyRange], _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try withCursor(txn) { cursor in
            var goesOn = true
            for range in ranges where goesOn {
                try cursor.scanRaw(range, direction: .forward) { key, value in
                    goesOn = try body(key, value)
                    return goesOn
                }
            }
        }
    }

    /// How many keys `range` holds, counted no further than `limit`.
    func countRaw(_ txn: some Transaction, _ range: KeyRange, upTo limit: Int) throws -> Int {
        var count = 0
        guard limit > 0 else { return 0 }
        try withCursor(txn) { cursor in
            try cursor.scanRaw(range, direction: .forward) { _, _ in
                count += 1
                return count < limit
            }
        }
        return count
    }

    private func withCursor(_ txn: some Transaction, _ body: (TableCursor) throws -> Void) throws {
        var opened: OpaquePointer?
        try throwIfFailed(mdb_cursor_open(txn.handle.raw, dbi, &opened), "mdb_cursor_open(\(name))")
        defer { mdb_cursor_close(opened) }
        try body(TableCursor(raw: opened, tableName: name))
    }
}

/// An open LMDB cursor on one table, valid inside the `Table.scanRaw` that opened it.
///
/// The cursor's key and value are locals of each scan, passed `inout`, never captured: a captured `var`
/// is boxed and every access to it checked for exclusivity at run time, per entry of every scan.
struct TableCursor {
    let raw: OpaquePointer?
    let tableName: String

    func scanRaw(
        _ range: KeyRange, direction: ScanDirection, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var key = MDB_val()
        var data = MDB_val()
        var found: Bool
        switch (direction, direction == .forward ? range.lower : range.upper) {
        case (.forward, .unbounded): found = try move(MDB_FIRST, &key, &data)
        case (.forward, .included(let bound)), (.forward, .excluded(let bound)):
            found = try bound.withUnsafeBytes { try seek($0, &key, &data) }
            if found, !range.admitsAbove(Self.bytes(key)) { found = try move(MDB_NEXT, &key, &data) }
        case (.reverse, .unbounded): found = try move(MDB_LAST, &key, &data)
        case (.reverse, .included(let bound)), (.reverse, .excluded(let bound)):
            // Position at the first key ≥ bound, then step back while it lies above the range.
            found = try bound.withUnsafeBytes { try seek($0, &key, &data) }
            if !found {
                found = try move(MDB_LAST, &key, &data)
            } else if !range.admitsBelow(Self.bytes(key)) {
                found = try move(MDB_PREV, &key, &data)
            }
        }
        let step = direction == .forward ? MDB_NEXT : MDB_PREV
        while found {
            let current = Self.bytes(key)
            guard direction == .forward ? range.admitsBelow(current) : range.admitsAbove(current) else { return }
            guard try body(current, Self.bytes(data)) else { return }
            found = try move(step, &key, &data)
        }
    }

    private func move(_ op: MDB_cursor_op, _ key: inout MDB_val, _ data: inout MDB_val) throws -> Bool {
        let rc = mdb_cursor_get(raw, &key, &data, op)
        if rc == MDB_NOTFOUND { return false }
        try throwIfFailed(rc, "mdb_cursor_get(\(tableName))")
        return true
    }

    /// Positions at the first key ≥ `bound`.
    private func seek(_ bound: UnsafeRawBufferPointer, _ key: inout MDB_val, _ data: inout MDB_val) throws -> Bool {
        key = MDB_val(mv_size: bound.count, mv_data: UnsafeMutableRawPointer(mutating: bound.baseAddress))
        return try move(MDB_SET_RANGE, &key, &data)
    }

    private static func bytes(_ value: MDB_val) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size) }
}
