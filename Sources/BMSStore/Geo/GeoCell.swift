/// A geohash cell: the points whose hashes share their first `precision` bits, which is one contiguous range
/// of keys. Longitude takes the first bit of each pair, so a cell has `(precision + 1) / 2` bits of longitude
/// (its `column`) and `precision / 2` bits of latitude (its `row`).
struct GeoCell {
    let precision: Int
    let column: UInt32
    let row: UInt32

    static let world = GeoCell(precision: 0, column: 0, row: 0)

    private var longitudeBits: UInt32 { UInt32((precision + 1) / 2) }
    private var latitudeBits: UInt32 { UInt32(precision / 2) }

    /// The hashes of the points in the cell.
    var hashes: ClosedRange<UInt64> {
        let first = GeoHash(longitudeBits: column << (32 - longitudeBits), latitudeBits: row << (32 - latitudeBits)).value
        return first...(first | UInt64.max >> UInt64(precision))
    }

    /// The cell in degrees: where `GeoHash` puts the points of the cell, up to rounding in the last bit.
    var box: GeoBox {
        let width = 360 / Double(UInt64(1) << longitudeBits)
        let height = 180 / Double(UInt64(1) << latitudeBits)
        return GeoBox(
            south: Double(row) * height - 90, west: Double(column) * width - 180,
            north: (Double(row) + 1) * height - 90, east: (Double(column) + 1) * width - 180)
    }

    /// The two halves of the cell, split on its next bit: longitude after an even number of bits.
    var halves: (GeoCell, GeoCell) {
        let finer = precision + 1
        if precision % 2 == 0 {
            return (GeoCell(precision: finer, column: column * 2, row: row), GeoCell(precision: finer, column: column * 2 + 1, row: row))
        }
        return (GeoCell(precision: finer, column: column, row: row * 2), GeoCell(precision: finer, column: column, row: row * 2 + 1))
    }
}
