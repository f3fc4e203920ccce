/// A geohash index: points keyed by an interleaved-bit geohash so that nearby points sort together.
///
/// Two tables, written together:
/// - `cells`: geohash (8 bytes, big-endian) ++ id (12 bytes) → the point (16 bytes) ++ the cover, so
///   queries range-scan cells and filter on exact coordinates without another lookup, and a caller that
///   stored a summary of each record as its cover (a search card) reads it from the same entry;
/// - `points`: id → the same 16 bytes, so that `put` can find the old cell of a moving point and `remove`
///   needs only the id.
///
/// ```swift
/// let geo = try GeoIndex(base: "geo:properties:location", in: store)
/// try await store.write { txn in try geo.put(txn, id, at: GeoPoint(latitude: 48.8566, longitude: 2.3522)) }
/// let nearest = try store.read { txn in try geo.within(txn, of: here, radiusKm: 5, limit: 20) }
/// ```
public struct GeoIndex: Sendable {
    let cells: Table<BytesCodec, BytesCodec>
    let points: Table<ObjectIDCodec, BytesCodec>

    static func tableNames(base: String) -> [String] { [base + ":cells", base + ":points"] }

    public init(base: String, in store: Store) throws {
        let names = GeoIndex.tableNames(base: base)
        cells = try store.table(names[0], key: BytesCodec.self, value: BytesCodec.self)
        points = try store.table(names[1], key: ObjectIDCodec.self, value: BytesCodec.self)
    }

    /// Puts `id` at `point` with `cover` beside it in its cell entry, moving it if it was elsewhere.
    /// - Throws: `StoreError.invalidCoordinates` for NaN, a latitude beyond ±90 or a longitude beyond ±180.
    public func put(_ txn: WriteTransaction, _ id: ObjectID, at point: GeoPoint, cover: [UInt8] = []) throws {
        let point = try point.validated()
        let idBytes = id.bytes
        let stored = StoredPoint.encode(point)
        let cellKey = GeoCellKey.encode(GeoHash(point), idBytes)
        let cellValue = stored + cover
        let old = try storedPoint(txn, idBytes)
        if let old, old != point { _ = try cells.deleteRaw(txn, GeoCellKey.encode(GeoHash(old), idBytes)) }
        if old == point, try cells.getRaw(txn, cellKey, { $0.elementsEqual(cellValue) }) == true { return }
        try cells.putRaw(txn, cellKey, cellValue, flags: 0)
        if old != point { try points.putRaw(txn, idBytes, stored, flags: 0) }
    }

    /// Removes `id`; returns whether it was there.
    @discardableResult public func remove(_ txn: WriteTransaction, _ id: ObjectID) throws -> Bool {
        let idBytes = id.bytes
        guard let old = try storedPoint(txn, idBytes) else { return false }
        _ = try cells.deleteRaw(txn, GeoCellKey.encode(GeoHash(old), idBytes))
        _ = try points.deleteRaw(txn, idBytes)
        return true
    }

    /// Where `id` is indexed, or nil if it is not.
    public func point(_ txn: some Transaction, _ id: ObjectID) throws -> GeoPoint? {
        try storedPoint(txn, id.bytes)
    }

    public func removeAll(_ txn: WriteTransaction) throws {
        try cells.removeAll(txn)
        try points.removeAll(txn)
    }

    private func storedPoint(_ txn: some Transaction, _ idBytes: [UInt8]) throws -> GeoPoint? {
        try points.getRaw(txn, idBytes) { bytes in
            guard let point = StoredPoint.decode(bytes) else {
                throw StoreError.corrupt(table: points.name, reason: "a point of \(bytes.count) bytes instead of 16")
            }
            return point
        }
    }
}
