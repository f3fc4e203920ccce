/// Where geo queries read the points of a range of geohashes: a geo index's cells table (`GeoCellCursor`) or
/// a copy of it in memory (`GeoPointList`).
protocol GeoEntries: ~Copyable {
    /// What tells a point's id: its key in the store, its position in memory. Read only for a point
    /// within the radius.
    associatedtype Key
    /// What comes with each point: the cover stored beside it, or its position in memory. Kept in a walk's
    /// queue, so small.
    associatedtype Entry

    /// Visits, in hash order, the entries whose geohash lies in `hashes`, until `body` returns false.
    func forEachEntry(
        in hashes: ClosedRange<UInt64>, _ body: (_ hash: UInt64, _ point: GeoPoint, _ key: Key, _ entry: Entry) throws -> Bool
    ) throws

    /// The id of the point at `key`.
    func id(at key: Key) throws -> ObjectID
}
