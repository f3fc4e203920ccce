/// A point on Earth in degrees.
public struct GeoPoint: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether the point lies on Earth: latitude within -90…90, longitude within -180…180 (both ends
    /// included), neither NaN.
    public var isValid: Bool { (-90...90).contains(latitude) && (-180...180).contains(longitude) }

    /// Throws `StoreError.invalidCoordinates` unless the point is valid, so that nothing invalid is indexed
    /// or queried.
    func validated() throws(StoreError) -> GeoPoint {
        guard isValid else { throw StoreError.invalidCoordinates(latitude: latitude, longitude: longitude) }
        return self
    }
}

extension GeoPoint: CustomStringConvertible {
    /// `(latitude, longitude)` in degrees, every digit kept, for check reports and logs.
    public var description: String { "(\(latitude), \(longitude))" }
}

/// One result of a geo query.
public struct GeoHit: Hashable, Sendable {
    public var id: ObjectID
    public var point: GeoPoint
    /// Great-circle distance from the query's centre in kilometres (0 for box queries).
    public var distanceKm: Double
}

// MARK: - Stored form

/// The 16 stored bytes of a point: latitude then longitude, each the big-endian bit pattern of its `Double`,
/// so that both tables can be read back exactly and without allocation.
enum StoredPoint {
    static let byteCount = 16

    static func encode(_ point: GeoPoint) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(byteCount)
        appendBigEndian(point.latitude.bitPattern, to: &out)
        appendBigEndian(point.longitude.bitPattern, to: &out)
        return out
    }

    /// Reads a point from `bytes`, which must hold exactly 16 bytes (a points table value); nil otherwise.
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer) -> GeoPoint? {
        bytes.count == byteCount ? decodePrefix(bytes) : nil
    }

    /// Reads the point that leads a cell entry (`point ++ cover`) and the cover after it; nil when the
    /// entry is shorter than a point.
    @inline(__always)
    static func decodeCell(_ bytes: UnsafeRawBufferPointer) -> (point: GeoPoint, cover: UnsafeRawBufferPointer)? {
        guard bytes.count >= byteCount else { return nil }
        return (decodePrefix(bytes), UnsafeRawBufferPointer(rebasing: bytes[byteCount...]))
    }

    @inline(__always)
    private static func decodePrefix(_ bytes: UnsafeRawBufferPointer) -> GeoPoint {
        GeoPoint(
            latitude: Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))),
            longitude: Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))))
    }
}
