import CLMDB

/// One LMDB cursor over the cells table for all the ranges a query reads: a single `mdb_cursor_open` per
/// query instead of one per range, no allocation per range or entry, and range ends compared as integers.
/// It lives only inside the synchronous query that opened it, so it cannot outlive its transaction.
struct GeoCellCursor: ~Copyable {
    private let cursor: OpaquePointer
    private let tableName: String

    init(_ txn: some Transaction, _ cells: Table<BytesCodec, BytesCodec>) throws {
        var cursor: OpaquePointer?
        try throwIfFailed(mdb_cursor_open(txn.handle.raw, cells.dbi, &cursor), "mdb_cursor_open(\(cells.name))")
        self.cursor = cursor!
        tableName = cells.name
    }

    deinit { mdb_cursor_close(cursor) }

    /// Visits, in key order, the entries whose geohash lies in `hashes` until `body` returns false. The
    /// buffers are LMDB's own pages: valid until the transaction ends or writes, not only during `body`
    /// (a nearest-first walk queues covers and hands them out later).
    @inline(__always)
    private func forEach(
        in hashes: ClosedRange<UInt64>, _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var key = MDB_val()
        var value = MDB_val()
        var first = hashes.lowerBound.bigEndian
        var code = withUnsafeMutableBytes(of: &first) { bytes in
            key = MDB_val(mv_size: bytes.count, mv_data: bytes.baseAddress)
            return mdb_cursor_get(cursor, &key, &value, MDB_SET_RANGE)
        }
        while code == 0 {
            let keyBytes = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
            guard GeoCellKey.hashPrefix(keyBytes) <= hashes.upperBound,
                try body(keyBytes, UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
            else { return }
            code = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
        }
        if code != MDB_NOTFOUND { try throwIfFailed(code, "mdb_cursor_get(\(tableName))") }
    }
}

extension GeoCellCursor: GeoEntries {
    // Inlined, with `forEach`, into the walk that calls it, so that reading an entry calls no closure.
    @inline(__always)
    func forEachEntry(
        in hashes: ClosedRange<UInt64>,
        _ body: (_ hash: UInt64, _ point: GeoPoint, _ key: UnsafeRawBufferPointer, _ cover: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try forEach(in: hashes) { key, value in
            guard let (point, cover) = StoredPoint.decodeCell(value) else {
                throw StoreError.corrupt(table: tableName, reason: "a cell entry of \(value.count) bytes, shorter than a point's 16")
            }
            return try body(GeoCellKey.hashPrefix(key), point, key, cover)
        }
    }

    func id(at key: UnsafeRawBufferPointer) throws -> ObjectID {
        guard let (_, id) = GeoCellKey.decode(key) else {
            throw StoreError.corrupt(table: tableName, reason: "a key of \(key.count) bytes instead of 20")
        }
        return id
    }
}
