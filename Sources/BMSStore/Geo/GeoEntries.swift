/// Where geo queries read the points of a range of geohashes: a geo index's cells table (`GeoCellCursor`) or
/// a copy of it in memory (`GeoPointList`).
protocol GeoEntries: ~Copyable {
    /// What comes with each point: the cover stored beside it, or its place in memory.
    associatedtype Entry

    /// Visits, in hash order, the entries whose geohash lies in `hashes`, until `body` returns false.
    func forEachEntry(in hashes: ClosedRange<UInt64>, _ body: (_ hash: UInt64, _ point: GeoPoint, _ entry: Entry) throws -> Bool) throws

    /// The id of the point an entry holds.
    func id(of entry: Entry) throws -> ObjectID
}
