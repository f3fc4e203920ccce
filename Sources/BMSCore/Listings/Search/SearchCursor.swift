import BMSStore

/// Where a page of search results ended: the sort it belongs to, the last hit's sort key and its id.
/// Results after it are those whose (key, id) comes later, so pages neither repeat nor skip a hit when
/// listings are added between requests. Handed out as an opaque base64url string.
public struct SearchCursor: Sendable, Hashable {
    var sortName: String
    var key: SortKey

    init(sortName: String, key: SortKey) {
        self.sortName = sortName
        self.key = key
    }

    /// Reads a cursor handed out earlier; nil for anything else.
    public init?(_ text: String) {
        guard text.utf8.count <= 200, let bytes = Base64URL.decode(text), let tuple = try? Tuple(decoding: bytes),
            tuple.elements.count >= 2, case .string(let sort) = tuple.elements.first, case .id(let id) = tuple.elements.last
        else { return nil }
        guard tuple.elements.count == 4, case .double(let primary) = tuple.elements[1], case .double(let secondary) = tuple.elements[2]
        else { return nil }
        self.init(sortName: sort, key: SortKey(primary: primary, secondary: secondary, id: id))
    }

    public var text: String {
        Base64URL.encode(Tuple([.string(sortName), .double(key.primary), .double(key.secondary), .id(key.id)]).encoded)
    }
}

/// A hit's place in the order: two values compared in turn (each oriented so that smaller comes first;
/// the second is 0 for sorts with one), then the property id. Fixed size, so that keeping a key per match
/// allocates nothing.
struct SortKey: Comparable, Hashable, Sendable {
    var primary: Double
    var secondary: Double
    var id: ObjectID

    static func < (lhs: SortKey, rhs: SortKey) -> Bool {
        if lhs.primary != rhs.primary { return lhs.primary < rhs.primary }
        if lhs.secondary != rhs.secondary { return lhs.secondary < rhs.secondary }
        return lhs.id < rhs.id
    }
}

/// The `capacity` smallest keys offered, in order: a page plus one (to know whether another page
/// follows) out of any number of matches, without sorting them all.
struct SmallestKeys {
    let capacity: Int
    private(set) var kept: [(key: SortKey, distanceKm: Double?)] = []

    init(capacity: Int) { self.capacity = capacity }

    var isFull: Bool { kept.count == capacity }

    mutating func offer(_ key: SortKey, distanceKm: Double?) {
        if kept.count == capacity, let last = kept.last, !(key < last.key) { return }
        var low = 0
        var high = kept.count
        while low < high {
            let middle = (low + high) / 2
            if kept[middle].key < key { low = middle + 1 } else { high = middle }
        }
        kept.insert((key, distanceKm), at: low)
        if kept.count > capacity { kept.removeLast() }
    }
}
