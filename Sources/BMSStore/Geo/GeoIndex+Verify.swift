/// `bms check` for a geo index: both tables against each other and against the records' points.
extension GeoIndex {
    /// Differences between the index and `expected` (id → point) with `covers` (id → the cover its cell
    /// entry should carry; none means empty), as readable lines; empty when they match.
    ///
    /// Reports points missing from the index, indexed points that no record has, points indexed at other
    /// coordinates than their record's, cell entries under the wrong geohash or with another cover than
    /// their record's, and the cells and points tables disagreeing (an entry in one but not the other,
    /// other coordinates, several cells for one id).
    public func verify(_ txn: some Transaction, expected: [ObjectID: GeoPoint], covers: [ObjectID: [UInt8]] = [:]) throws -> [String] {
        var malformed: [String] = []
        var indexed: [ObjectID: GeoPoint] = [:]
        try points.scanRaw(txn, .all, direction: .forward) { key, value in
            guard let id = ObjectID(bytes: key) else {
                malformed.append("points table: key \(Hex.string(key)) is not a 12-byte id")
                return true
            }
            guard let point = StoredPoint.decode(value) else {
                malformed.append("points table: \(id) holds \(value.count) bytes instead of 16")
                return true
            }
            indexed[id] = point
            return true
        }

        var cellPoints: [ObjectID: [GeoPoint]] = [:]
        var wrongCells: [ObjectID: [String]] = [:]
        var cellCovers: [ObjectID: [UInt8]] = [:]
        try cells.scanRaw(txn, .all, direction: .forward) { key, value in
            guard let (hash, id) = GeoCellKey.decode(key) else {
                malformed.append("cells table: key \(Hex.string(key)) is not a geohash followed by an id")
                return true
            }
            guard let (point, cover) = StoredPoint.decodeCell(value) else {
                malformed.append("cells table: the entry of \(id) holds \(value.count) bytes, fewer than a point's 16")
                return true
            }
            cellPoints[id, default: []].append(point)
            cellCovers[id] = Array(cover)
            let expectedHash = GeoHash(point)
            if hash != expectedHash {
                wrongCells[id, default: []].append(
                    "\(id) has a cell entry under geohash \(hex(hash)) but its coordinates \(point) belong under \(hex(expectedHash))")
            }
            return true
        }

        let ids = Set(expected.keys).union(indexed.keys).union(cellPoints.keys).sorted()
        return malformed
            + ids.flatMap { id in
                problems(id, expected: expected[id], indexed: indexed[id], cells: cellPoints[id] ?? []) + (wrongCells[id] ?? [])
                    + coverProblems(id, expected: expected[id] == nil ? nil : covers[id] ?? [], stored: cellCovers[id])
            }
    }

    /// What is wrong with one id, given where its record puts it, the points table and its cell entries.
    private func problems(_ id: ObjectID, expected: GeoPoint?, indexed: GeoPoint?, cells: [GeoPoint]) -> [String] {
        var out: [String] = []
        switch (expected, indexed) {
        case (let expected?, nil) where cells.isEmpty: out.append("\(id) at \(expected) is missing from the index")
        case (let expected?, nil): out.append("\(id) at \(expected) is missing from the points table")
        case (nil, let indexed?): out.append("\(id) is indexed at \(indexed) but its record has no point")
        case (let expected?, let indexed?) where expected != indexed:
            out.append("\(id) is indexed at \(indexed) but its record is at \(expected)")
        default: break
        }
        if let indexed, cells.isEmpty { out.append("\(id) is in the points table at \(indexed) but has no cell entry") }
        if cells.count > 1 { out.append("\(id) has \(cells.count) cell entries instead of 1") }
        for cell in cells {
            if let indexed {
                if cell != indexed { out.append("\(id) has a cell entry at \(cell) but the points table says \(indexed)") }
            } else if expected == nil {
                out.append("\(id) has a cell entry at \(cell) but neither a record point nor a points table entry")
            }
        }
        return out
    }
}

/// A record's point indexed with another cover than the record gives (only when both exist: a missing
/// entry is reported by `problems`).
private func coverProblems(_ id: ObjectID, expected: [UInt8]?, stored: [UInt8]?) -> [String] {
    guard let expected, let stored, expected != stored else { return [] }
    return ["\(id) has a cell entry carrying \(Hex.string(stored)) but its record's cover is \(Hex.string(expected))"]
}

private func hex(_ hash: GeoHash) -> String {
    let digits = String(hash.value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
