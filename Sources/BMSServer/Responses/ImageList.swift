import BMSCore

/// A property's or room's photos after a change: `/media/<sha256>` in display order, the first is the
/// cover. The last path segment is the digest the delete and reorder routes take.
struct ImageList: Encodable, Sendable {
    let images: [String]

    init(_ digests: [MediaDigest]) { images = digests.map(MediaController.path) }
}
