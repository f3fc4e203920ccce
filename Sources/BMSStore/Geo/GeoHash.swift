/// A 64-bit interleaved geohash: 32 bits of longitude and 32 bits of latitude, longitude first (bit 63 halves
/// the longitudes, bit 62 the latitudes, …), as in the classic base-32 geohash.
///
/// The first `p` bits name a cell; every point in that cell has a hash in one contiguous range, so a cell
/// is one range scan over big-endian keys. Nearby points mostly share long prefixes and sort together.
struct GeoHash: Equatable {
    let value: UInt64

    init(value: UInt64) {
        self.value = value
    }

    init(_ point: GeoPoint) {
        self.init(longitudeBits: GeoHash.longitudeBits(point.longitude), latitudeBits: GeoHash.latitudeBits(point.latitude))
    }

    /// Interleaves quantized coordinates, longitude in the higher bit of each pair.
    init(longitudeBits: UInt32, latitudeBits: UInt32) {
        value = GeoHash.spread(longitudeBits) << 1 | GeoHash.spread(latitudeBits)
    }

    // MARK: - Quantization

    /// Latitude -90…90 as 0…2³²-1; +90 is clamped into the last row of cells. Monotonic, so a latitude
    /// range maps onto a range of quantized values that holds every point inside it.
    static func latitudeBits(_ latitude: Double) -> UInt32 { quantize((latitude + 90) / 180) }

    /// Longitude -180…180 as 0…2³²-1; +180 is clamped into the last column of cells (and -180 lies in the
    /// first), so a query must include both ends when it reaches the antimeridian.
    static func longitudeBits(_ longitude: Double) -> UInt32 { quantize((longitude + 180) / 360) }

    private static func quantize(_ fraction: Double) -> UInt32 {
        let scaled = (fraction * 4_294_967_296).rounded(.down)
        if !(scaled > 0) { return 0 }
        return scaled >= 4_294_967_295 ? .max : UInt32(scaled)
    }

    /// Puts the bits of `x` at the even positions of a 64-bit word (Morton order).
    private static func spread(_ x: UInt32) -> UInt64 {
        var v = UInt64(x)
        v = (v | v << 16) & 0x0000_FFFF_0000_FFFF
        v = (v | v << 8) & 0x00FF_00FF_00FF_00FF
        v = (v | v << 4) & 0x0F0F_0F0F_0F0F_0F0F
        v = (v | v << 2) & 0x3333_3333_3333_3333
        v = (v | v << 1) & 0x5555_5555_5555_5555
        return v
    }
}
