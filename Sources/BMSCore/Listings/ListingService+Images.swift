import BMSStore
import Foundation

/// What a photo belongs to.
public enum ImageOwner: Sendable, Equatable {
    case property(PropertyID)
    case room(RoomID)
}

extension ListingService {
    /// Appends photos to a property or room (owner or admin); returns the new list in display order.
    /// Each file must be a JPEG, PNG or WebP by its bytes and at most 5 MiB; at most 20 per property or
    /// room. One bad file refuses the whole upload. A photo already there is not added twice.
    public func addImages(_ files: [[UInt8]], to owner: ImageOwner, by actor: User) async throws -> [MediaDigest] {
        guard !files.isEmpty else { throw ListingError.validation(["images": "send at least one image file"]) }
        let typed = try files.map { file in
            guard file.count <= Self.imageByteLimit else { throw ListingError.imageTooLarge(limit: Self.imageByteLimit) }
            guard let type = ImageType.sniff(file) else { throw ListingError.unsupportedImage }
            return (MediaDigest(of: file), type, file)
        }
        let now = now()
        return try await changeImages(of: owner, by: actor, now: now) { [media] txn, images in
            for (digest, type, bytes) in typed where !images.contains(digest) {
                guard images.count < Self.imageLimit else { throw ListingError.tooManyImages(limit: Self.imageLimit) }
                try media.retain(txn, digest, type: type, bytes: bytes)
                images.append(digest)
            }
        }
    }

    /// Removes one photo; the image itself goes once nothing uses it.
    public func removeImage(_ digest: MediaDigest, from owner: ImageOwner, by actor: User) async throws -> [MediaDigest] {
        try await changeImages(of: owner, by: actor, now: now()) { [media] txn, images in
            guard let index = images.firstIndex(of: digest) else { throw ListingError.notFound }
            images.remove(at: index)
            try media.release(txn, digest)
        }
    }

    /// Puts the photos in a new order, which must name each current photo once; the first is the cover.
    public func reorderImages(_ order: [MediaDigest], of owner: ImageOwner, by actor: User) async throws -> [MediaDigest] {
        try await changeImages(of: owner, by: actor, now: now()) { _, images in
            guard order.count == images.count, Set(order) == Set(images) else {
                throw ListingError.validation(["order": "must list each of the \(images.count) current images exactly once"])
            }
            images = order
        }
    }

    /// Runs `change` on the photo list of `owner` inside one write, after checking `actor` manages it.
    private func changeImages(
        of owner: ImageOwner, by actor: User, now: Date,
        _ change: @escaping @Sendable (WriteTransaction, inout [MediaDigest]) throws -> Void
    ) async throws -> [MediaDigest] {
        try await store.write { [self] txn in
            switch owner {
            case .property(let id):
                var property = try managedProperty(txn, id, by: actor).0.property
                try change(txn, &property.images)
                property.updatedAt = now
                try save(txn, property)
                return property.images
            case .room(let id):
                var (room, _) = try managedRoom(txn, id, by: actor)
                guard room.isActive else { throw ListingError.notFound }
                try change(txn, &room.images)
                room.updatedAt = now
                try rooms.update(txn, RoomRecord(room))
                return room.images
            }
        }
    }
}
