import BMSStore
import Foundation

/// Where a page of the user directory ended: the last user's creation time and id, the directory's
/// order (newest first, ties by id). Handed out as an opaque base64url string.
struct DirectoryCursor: Equatable {
    var createdMicroseconds: Int64
    var id: ObjectID

    init(createdMicroseconds: Int64, id: ObjectID) {
        self.createdMicroseconds = createdMicroseconds
        self.id = id
    }

    /// Reads a cursor handed out earlier; nil for anything else.
    init?(_ text: String) {
        guard text.utf8.count <= 64, let bytes = Base64URL.decode(text), let tuple = try? Tuple(decoding: bytes),
            tuple.elements.count == 2,
            case .int(let created) = tuple.elements[0], case .id(let id) = tuple.elements[1]
        else { return nil }
        self.init(createdMicroseconds: created, id: id)
    }

    var text: String {
        Base64URL.encode(Tuple([.int(createdMicroseconds), .id(id)]).encoded)
    }

    /// Whether an entry lies past this cursor in the directory's order (newest first), on a later page.
    func admits(createdMicroseconds created: Int64, id other: ObjectID) -> Bool {
        (created, other) < (createdMicroseconds, id)
    }
}
