import BMSCore

/// The photos of a property or room as the owner's photo manager shows them: in display order, the
/// first marked as the cover, each with its own remove and move forms (which work without JavaScript).
enum ListingPhotos {
    /// The path under which `owner`'s photo forms post.
    static func path(_ owner: ImageOwner) -> String {
        switch owner {
        case .property(let id): "/owner/properties/\(id)/photos"
        case .room(let id): "/owner/rooms/\(id)/photos"
        }
    }

    /// The page the photo manager sits on, where the browser goes back after a change.
    static func editPath(_ owner: ImageOwner) -> String {
        switch owner {
        case .property(let id): "/owner/properties/\(id)/edit"
        case .room(let id): "/owner/rooms/\(id)/edit"
        }
    }

    /// The `photo-manager` partial's values; `name` describes the photos ("Green Nest PG", "Room 101").
    static func values(_ images: [MediaDigest], of owner: ImageOwner, name: String) -> [String: Any] {
        let base = path(owner)
        return [
            "photoAction": base, "hasPhotos": !images.isEmpty, "photoLimit": ListingService.imageLimit,
            "photoCount": images.count, "photoSubject": name,
            "photos": images.enumerated().map { index, digest in
                [
                    "src": MediaController.path(for: digest), "position": index + 1, "isCover": index == 0,
                    "alt": "Photo \(index + 1) of \(name)\(index == 0 ? " (cover)" : "")",
                    "removeAction": "\(base)/\(digest)/remove", "moveAction": "\(base)/\(digest)/move",
                    "canMoveUp": index > 0, "canMoveDown": index < images.count - 1,
                ] as [String: Any]
            },
        ]
    }
}
