import BMSCore

/// The properties and rooms the owner's pages work on: those `user` manages (the property's owner, or
/// an admin) and that are not removed. Anyone else gets the designed 404, as if there were no such
/// property, which is what the listing service answers them too.
struct ManagedListings {
    let listings: ListingService

    /// Who may use the owner's listing pages at all.
    static let roles: Set<Role> = [.owner, .admin]
    static let refusal = "These pages are for owners managing their listings. Sign up as an owner to list a property."

    /// - Throws: the designed 403 for seekers, 404 for a property `user` does not manage.
    func property(_ id: PropertyID, _ user: User) throws -> PropertyDetails {
        _ = try SignedInPage.require(Self.roles, user, Self.refusal)
        guard let details = try listings.property(id, viewer: user), details.property.deletedAt == nil,
            user.role == .admin || details.property.ownerID == user.id
        else { throw APIError.notFound }
        return details
    }

    /// An active room and its property.
    func room(_ id: RoomID, _ user: User) throws -> (Room, PropertyDetails) {
        guard let room = try listings.room(id, viewer: user), room.isActive else { throw APIError.notFound }
        return (room, try property(room.propertyID, user))
    }
}
