/// The geohash cells covering a set of boxes, at one precision chosen so that there are few of them, merged
/// into contiguous hash ranges.
///
/// Finer cells hug the boxes more closely (fewer entries scanned outside them) but cost a cursor seek each;
/// up to `maximumCells` cells, adjacent ones merged, balances the two. A box spanning `n × m` cells of one
/// precision spans at most `(2n) × m` of the next, so the chosen cells are never much coarser than needed.
enum GeoCover {
    static let maximumCells = 32

    static func ranges(covering boxes: [GeoBox]) -> HashRangeSet {
        let bounds = boxes.map(\.cellBounds)
        var precision = 0
        while precision < 64, cellCount(bounds, precision: precision + 1) <= maximumCells { precision += 1 }
        let (longitudeShift, latitudeShift) = shifts(precision)
        let cellSpan = UInt64.max >> UInt64(precision)
        var cells: [ClosedRange<UInt64>] = []
        for bound in bounds {
            for column in (bound.longitude.lowerBound >> longitudeShift)...(bound.longitude.upperBound >> longitudeShift) {
                for row in (bound.latitude.lowerBound >> latitudeShift)...(bound.latitude.upperBound >> latitudeShift) {
                    let first = GeoHash(longitudeBits: column << longitudeShift, latitudeBits: row << latitudeShift).value
                    cells.append(first...(first | cellSpan))
                }
            }
        }
        return HashRangeSet(merging: cells)
    }

    /// How far quantized coordinates shift right to give the cell column and row at `precision` bits: the
    /// longitude takes the odd bit, being first in each pair.
    private static func shifts(_ precision: Int) -> (longitude: UInt32, latitude: UInt32) {
        (UInt32(32 - (precision + 1) / 2), UInt32(32 - precision / 2))
    }

    private static func cellCount(_ bounds: [CellBounds], precision: Int) -> Int {
        let (longitudeShift, latitudeShift) = shifts(precision)
        return bounds.reduce(0) { total, bound in
            let columns = Int(bound.longitude.upperBound >> longitudeShift) - Int(bound.longitude.lowerBound >> longitudeShift) + 1
            let rows = Int(bound.latitude.upperBound >> latitudeShift) - Int(bound.latitude.lowerBound >> latitudeShift) + 1
            return total + columns * rows
        }
    }
}
