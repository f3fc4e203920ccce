/// The geohash cells covering a set of boxes, at one precision chosen so that there are few of them, as merged
/// hash ranges.
///
/// Finer cells hug the boxes more closely (fewer entries read outside them) but cost a cursor seek each; up to
/// `maximumCells` cells, adjacent ones merged into one range, balances the two. A box spanning `n × m` cells of
/// one precision spans at most `2n × m` of the next, so the cells are never much coarser than they need be.
enum GeoCover {
    static let maximumCells = 32

    static func ranges(covering boxes: [GeoBox]) -> [ClosedRange<UInt64>] {
        let bounds = boxes.map(\.cellBounds)
        var precision = 0
        while precision < 64, cellCount(bounds, precision: precision + 1) <= maximumCells { precision += 1 }
        let (longitudeShift, latitudeShift) = shifts(precision)
        var cells: [ClosedRange<UInt64>] = []
        for bound in bounds {
            for column in (bound.longitude.lowerBound >> longitudeShift)...(bound.longitude.upperBound >> longitudeShift) {
                for row in (bound.latitude.lowerBound >> latitudeShift)...(bound.latitude.upperBound >> latitudeShift) {
                    cells.append(GeoCell(precision: precision, column: column, row: row).hashes)
                }
            }
        }
        return merged(cells)
    }

    /// The union of `ranges` as sorted, disjoint ranges with gaps between them: one cursor seek each.
    static func merged(_ ranges: [ClosedRange<UInt64>]) -> [ClosedRange<UInt64>] {
        var out: [ClosedRange<UInt64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, last.upperBound == .max || range.lowerBound <= last.upperBound + 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                out.append(range)
            }
        }
        return out
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
