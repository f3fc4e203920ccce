import BMSStore

/// Where a page of search results ended: the sort it belongs to, the last hit's sort key and its id.
/// Results after it are those whose (key, id) comes later, so pages neither repeat nor skip a hit when
/// listings are added between requests. Handed out as an opaque base64url string.
public struct SearchCursor: Sendable, Equatable {
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
        var values: [Double] = []
        for element in tuple.elements.dropFirst().dropLast() {
            guard case .double(let value) = element else { return nil }
            values.append(value)
        }
        self.init(sortName: sort, key: SortKey(values: values, id: id))
    }

    public var text: String {
        Base64URL.encode(Tuple([.string(sortName)] + key.values.map { .double($0) } + [.id(key.id)]).encoded)
    }
}

/// A hit's place in the order: values compared in turn (each already oriented so that smaller comes
/// first), then the property id.
struct SortKey: Comparable, Sendable {
    var values: [Double]
    var id: ObjectID

    static func < (lhs: SortKey, rhs: SortKey) -> Bool {
        for (left, right) in zip(lhs.values, rhs.values) where left != right { return left < right }
        if lhs.values.count != rhs.values.count { return lhs.values.count < rhs.values.count }
        return lhs.id < rhs.id
    }
}
