import CLMDB

/// Everything the store can fail with. Callers above the store map these to their own errors; the server
/// maps them to HTTP in one place.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An LMDB call failed; `operation` names the call, `code` is LMDB's or the system's error number.
    case lmdb(operation: String, code: Int32)
    /// The path cannot be used as a data directory or file (missing parent, not writable, …).
    case cannotOpen(path: String, reason: String)
    /// The file at `path` is not a BookMySleep data file; it was not modified.
    case notOurFile(path: String, reason: String)
    /// The file was written by a newer `bms` than this one; it was not modified.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The map reached its configured maximum size.
    case mapFull(maximumBytes: Int)
    /// A unique index already holds this value for another record; nothing was written.
    case uniqueViolation(collection: String, field: String)
    /// A record with this id already exists (insert) or does not exist (update).
    case duplicateID(collection: String, id: ObjectID)
    case recordNotFound(collection: String, id: ObjectID)
    /// Bytes read back from a table could not be decoded.
    case corrupt(table: String, reason: String)
    /// A table was used that the schema passed to `Store.open` did not declare.
    case unknownTable(String)
    /// A geo point outside latitude -90…90 or longitude -180…180, or not a number; nothing was written.
    case invalidCoordinates(latitude: Double, longitude: Double)
    /// A geo query that selects nothing meaningful (a negative radius, south above north, …).
    case invalidGeoQuery(String)
    /// The store was closed.
    case closed

    public var description: String {
        switch self {
        case .lmdb(let operation, let code):
            return "\(operation) failed: \(String(cString: mdb_strerror(code))) (\(code))"
        case .cannotOpen(let path, let reason): return "cannot open data at \(path): \(reason)"
        case .notOurFile(let path, let reason):
            return "\(path) is not a BookMySleep data file (\(reason)); it was left untouched"
        case .newerSchema(let path, let found, let supported):
            return "\(path) was written by a newer bms (schema \(found); this binary understands up to \(supported)); "
                + "it was left untouched: upgrade bms to open it"
        case .mapFull(let maximum): return "the data file reached its configured maximum size of \(maximum) bytes"
        case .uniqueViolation(let collection, let field): return "\(collection).\(field) must be unique"
        case .duplicateID(let collection, let id): return "\(collection) already holds a record with id \(id)"
        case .recordNotFound(let collection, let id): return "\(collection) has no record with id \(id)"
        case .corrupt(let table, let reason): return "corrupt data in \(table): \(reason)"
        case .unknownTable(let name): return "table \(name) is not declared in the schema"
        case .invalidCoordinates(let latitude, let longitude):
            return "(\(latitude), \(longitude)) is not a valid point: latitude must lie within -90…90 and longitude within -180…180"
        case .invalidGeoQuery(let reason): return "invalid geo query: \(reason)"
        case .closed: return "the store is closed"
        }
    }
}

/// Turns a non-zero LMDB return code into a thrown `StoreError.lmdb`.
@inline(__always)
func throwIfFailed(_ code: Int32, _ operation: @autoclosure () -> String) throws(StoreError) {
    if code != 0 { throw StoreError.lmdb(operation: operation(), code: code) }
}
