import BMSCore
import Foundation

/// A user as the API shows them: the only way a `User` leaves the server, so the password hash (which
/// `User` does not even expose) and anything else private can never slip into a response.
///
/// The public profile (what any logged-in user may see) has id, names, role and avatar; the full profile
/// (for the user themself and admins) adds contact details, status and timestamps.
struct UserResponse: Encodable, Sendable {
    let id: String
    let firstName: String
    let lastName: String
    let fullName: String
    let role: String
    /// `/media/<sha256>` of the avatar, or null.
    let avatarUrl: String?
    let email: String?
    let phoneNumber: String?
    let isVerified: Bool?
    let isSuspended: Bool?
    /// ISO 8601 in UTC.
    let createdAt: String?
    let updatedAt: String?

    private init(_ user: User, full: Bool) {
        id = user.id.description
        firstName = user.firstName
        lastName = user.lastName
        fullName = user.fullName
        role = user.role.rawValue
        avatarUrl = user.avatar.map { MediaController.path(for: $0) }
        email = full ? user.email.value : nil
        phoneNumber = full ? user.phoneNumber : nil
        isVerified = full ? user.isVerified : nil
        isSuspended = full ? user.isSuspended : nil
        createdAt = full ? Self.timestamp(user.createdAt) : nil
        updatedAt = full ? Self.timestamp(user.updatedAt) : nil
    }

    /// Everything the user themself or an admin may see.
    static func full(_ user: User) -> UserResponse { UserResponse(user, full: true) }

    /// What any logged-in user may see of someone else.
    static func publicProfile(_ user: User) -> UserResponse { UserResponse(user, full: false) }

    /// The profile `viewer` may see of `user`: full for themself and admins, public otherwise.
    static func seen(_ user: User, by viewer: User) -> UserResponse {
        viewer.id == user.id || viewer.role == .admin ? .full(user) : .publicProfile(user)
    }

    /// The encoder knows nothing of dates here: every timestamp is ISO 8601 text.
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Absent fields are left out, not sent as null, except `avatarUrl`, which is always present.
    enum CodingKeys: String, CodingKey {
        case id, firstName, lastName, fullName, role, avatarUrl, email, phoneNumber, isVerified, isSuspended, createdAt, updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(firstName, forKey: .firstName)
        try container.encode(lastName, forKey: .lastName)
        try container.encode(fullName, forKey: .fullName)
        try container.encode(role, forKey: .role)
        try container.encode(avatarUrl, forKey: .avatarUrl)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(phoneNumber, forKey: .phoneNumber)
        try container.encodeIfPresent(isVerified, forKey: .isVerified)
        try container.encodeIfPresent(isSuspended, forKey: .isSuspended)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(updatedAt, forKey: .updatedAt)
    }
}
