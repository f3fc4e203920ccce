/// Keys of the cells table: the 8 big-endian bytes of a point's geohash, then its 12-byte id. Points sort by
/// cell, and the id keeps points in one place distinct.
enum GeoCellKey {
    static let byteCount = 20

    static func encode(_ hash: GeoHash, _ id: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(byteCount)
        appendBigEndian(hash.value, to: &out)
        out += id
        return out
    }

    /// The scan range of every key whose geohash lies in `hashes`. Bounds are 8-byte prefixes: a 20-byte key
    /// sorts after the prefix of its own hash and before that of the next hash.
    static func scanRange(_ hashes: ClosedRange<UInt64>) -> KeyRange {
        KeyRange(
            lower: .included(GeoHash(value: hashes.lowerBound).bytes),
            upper: hashes.upperBound == .max ? .unbounded : .excluded(GeoHash(value: hashes.upperBound + 1).bytes))
    }

    /// The geohash and id of a key, or nil when the key does not have 20 bytes.
    static func decode(_ key: UnsafeRawBufferPointer) -> (hash: GeoHash, id: ObjectID)? {
        guard key.count == byteCount, let id = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: key[8...])) else { return nil }
        return (GeoHash(value: UInt64(bigEndian: key.loadUnaligned(as: UInt64.self))), id)
    }
}
