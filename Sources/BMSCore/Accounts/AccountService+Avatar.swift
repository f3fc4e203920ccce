import BMSStore
import Foundation

extension AccountService {
    /// The largest avatar accepted: 5 MiB.
    public static let avatarByteLimit = 5 * 1024 * 1024

    /// Sets the avatar of `id` (the user themselves or an admin) to `image`.
    ///
    /// The type is decided by the bytes (JPEG, PNG or WebP; anything else is `.unsupportedImage`), the
    /// size is at most 5 MiB (`.imageTooLarge`). The image is stored under its SHA-256, so users with the
    /// same picture share one copy; the previous avatar is removed once nothing uses it. All of that and
    /// the user record change in one transaction.
    public func setAvatar(_ id: UserID, image: [UInt8], by actor: User) async throws -> User {
        // Permission first, so that someone who may not change this avatar learns nothing about the file.
        try store.read { txn in
            let actor = try currentActor(txn, actor)
            guard actor.id == id || actor.role == .admin else { throw AccountError.forbidden }
        }
        guard image.count <= Self.avatarByteLimit else { throw AccountError.imageTooLarge(limit: Self.avatarByteLimit) }
        guard let type = ImageType.sniff(image) else { throw AccountError.unsupportedImage }
        let digest = MediaDigest(of: image)
        let now = now()
        return try await store.write { [self] txn in
            let actor = try currentActor(txn, actor)
            guard actor.id == id || actor.role == .admin else { throw AccountError.forbidden }
            guard var user = try users.get(txn, id) else { throw AccountError.notFound }
            let previous = user.avatar
            guard previous != digest else { return user }
            try media.retain(txn, digest, type: type, bytes: image)
            if let previous { try media.release(txn, previous) }
            user.avatar = digest
            user.updatedAt = now
            try users.update(txn, user)
            try audit(
                txn, actor: actor, action: "user.avatar", target: user,
                changes: ["avatar": "\(previous.map(String.init) ?? "none") → \(digest)"], now: now
            )
            return user
        }
    }
}
