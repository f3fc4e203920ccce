/// A range of encoded keys for scans. Bounds are byte strings compared as LMDB compares keys
/// (lexicographically, shorter first).
public struct KeyRange: Sendable, Equatable {
    public enum Bound: Sendable, Equatable {
        case unbounded
        case included([UInt8])
        case excluded([UInt8])
    }

    public var lower: Bound
    public var upper: Bound

    public init(lower: Bound = .unbounded, upper: Bound = .unbounded) {
        self.lower = lower
        self.upper = upper
    }

    public static let all = KeyRange()

    /// Every key that starts with `prefix`.
    public static func prefix(_ prefix: [UInt8]) -> KeyRange {
        KeyRange(lower: .included(prefix), upper: successor(of: prefix).map { .excluded($0) } ?? .unbounded)
    }

    /// The tuple `prefix` and every longer tuple that starts with its elements.
    ///
    /// Not a byte prefix: `("Pune\0")` encodes as `("Pune")`'s bytes followed by 0xFF, yet is another
    /// city. After a whole tuple the next byte is a type code, never 0xFF, so `[p, p ++ 0xFF)` holds
    /// exactly the tuple's extensions (FoundationDB's tuple `range`).
    public static func prefix(_ prefix: Tuple) -> KeyRange {
        let bytes = prefix.encoded
        return KeyRange(lower: .included(bytes), upper: .excluded(bytes + [0xFF]))
    }

    /// Keys from `lower` up to `upper` (both tuples, both included, each also covering longer tuples that
    /// start with it): `between((city, 100), (city, 500))` covers `(city, 100, id)` … `(city, 500, id)`.
    public static func between(_ lower: Tuple, _ upper: Tuple) -> KeyRange {
        KeyRange(lower: .included(lower.encoded), upper: .excluded(upper.encoded + [0xFF]))
    }

    func admitsAbove(_ key: UnsafeRawBufferPointer) -> Bool {
        switch lower {
        case .unbounded: return true
        case .included(let bound): return compareKeys(key, bound) >= 0
        case .excluded(let bound): return compareKeys(key, bound) > 0
        }
    }

    func admitsBelow(_ key: UnsafeRawBufferPointer) -> Bool {
        switch upper {
        case .unbounded: return true
        case .included(let bound): return compareKeys(key, bound) <= 0
        case .excluded(let bound): return compareKeys(key, bound) < 0
        }
    }
}

/// The smallest byte string greater than every string that starts with `bytes`, or nil if there is none
/// (all bytes 0xFF).
func successor(of bytes: [UInt8]) -> [UInt8]? {
    var out = bytes
    while let last = out.last {
        if last < 0xFF {
            out[out.count - 1] = last + 1
            return out
        }
        out.removeLast()
    }
    return nil
}

/// LMDB's default key order: memcmp over the common length, then the shorter first.
func compareKeys(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
    b.withUnsafeBytes { b in
        let common = min(a.count, b.count)
        if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let result = memcmp(pa, pb, common)
            if result != 0 { return Int(result) }
        }
        return a.count - b.count
    }
}

#if canImport(Glibc)
    import Glibc
#endif
