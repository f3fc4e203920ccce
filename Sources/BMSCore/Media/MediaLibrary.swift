import BMSStore

/// Content-addressed images with reference counts: "media" maps a digest to its type code and bytes,
/// "media-refs" maps it to how many records point at it. An image is stored once however many records
/// use it, and removed with its last reference, in the same transaction as the records that change.
public struct MediaLibrary: Sendable {
    static let tableNames = ["media", "media-refs"]

    private let images: Table<BytesCodec, BytesCodec>
    private let references: Table<BytesCodec, UInt64Codec>
    private let store: Store

    public init(store: Store) throws {
        self.store = store
        images = try store.table("media", key: BytesCodec.self, value: BytesCodec.self)
        references = try store.table("media-refs", key: BytesCodec.self, value: UInt64Codec.self)
    }

    /// The image stored under `digest`, or nil if there is none.
    public func image(_ digest: MediaDigest) throws -> (type: ImageType, bytes: [UInt8])? {
        try store.read { txn in try image(txn, digest) }
    }

    func image(_ txn: some Transaction, _ digest: MediaDigest) throws -> (type: ImageType, bytes: [UInt8])? {
        guard let stored = try images.get(txn, digest.bytes) else { return nil }
        guard let code = stored.first, let type = ImageType(code: code) else {
            throw StoreError.corrupt(table: "media", reason: "unknown image type for \(digest)")
        }
        return (type, Array(stored.dropFirst()))
    }

    /// How many records use `digest` (0 when it is not stored).
    func referenceCount(_ txn: some Transaction, _ digest: MediaDigest) throws -> UInt64 {
        try references.get(txn, digest.bytes) ?? 0
    }

    /// Adds one reference to the image `bytes` of `type`, storing it if it is new.
    func retain(_ txn: WriteTransaction, _ digest: MediaDigest, type: ImageType, bytes: [UInt8]) throws {
        let count = try referenceCount(txn, digest)
        if count == 0 { try images.put(txn, digest.bytes, [type.code] + bytes) }
        try references.put(txn, digest.bytes, count + 1)
    }

    /// Drops one reference to `digest`; the last one removes the image.
    func release(_ txn: WriteTransaction, _ digest: MediaDigest) throws {
        let count = try referenceCount(txn, digest)
        if count <= 1 {
            try images.delete(txn, digest.bytes)
            try references.delete(txn, digest.bytes)
        } else {
            try references.put(txn, digest.bytes, count - 1)
        }
    }
}
