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

    /// The geohash a key starts with; a key shorter than 8 bytes (never written by the index) reads as if
    /// padded with zeros, so that scans stay in key order and leave its complaint to whoever decodes it.
    @inline(__always)
    static func hashPrefix(_ key: UnsafeRawBufferPointer) -> UInt64 {
        if key.count >= 8 { return UInt64(bigEndian: key.loadUnaligned(as: UInt64.self)) }
        return key.reduce(0) { $0 << 8 | UInt64($1) } << UInt64(8 * (8 - key.count))
    }

    /// The geohash and id of a key, or nil when the key does not have 20 bytes.
    static func decode(_ key: UnsafeRawBufferPointer) -> (hash: GeoHash, id: ObjectID)? {
        guard key.count == byteCount, let id = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: key[8...])) else { return nil }
        return (GeoHash(value: hashPrefix(key)), id)
    }
}
