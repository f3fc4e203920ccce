import Foundation

/// A person with an account. Stored in the "users" collection through `UserRecord`.
///
/// The password hash is internal: it never leaves BMSCore, and `description` and reflection (`dump`,
/// string interpolation) leave it out, so it cannot reach a response or a log line by accident.
public struct User: Sendable, Equatable {
    public var id: UserID
    public var firstName: String
    public var lastName: String
    public var email: EmailAddress
    public var phoneNumber: String
    public var role: Role
    public var isVerified: Bool
    public var isSuspended: Bool
    public var avatar: MediaDigest?
    public var createdAt: Date
    public var updatedAt: Date
    /// bcrypt hash of the password.
    var passwordHash: String

    public var fullName: String { "\(firstName) \(lastName)" }
}

extension User: CustomStringConvertible, CustomReflectable {
    public var description: String { "User(\(id), \(email), \(role.rawValue))" }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "firstName": firstName, "lastName": lastName, "email": email, "phoneNumber": phoneNumber,
                "role": role, "isVerified": isVerified, "isSuspended": isSuspended, "avatar": avatar as Any,
                "createdAt": createdAt, "updatedAt": updatedAt,
            ],
            displayStyle: .struct
        )
    }
}

extension User {
    /// How others see the user's name: "Asha Rao".
    public var displayName: String { "\(firstName) \(lastName)" }
}
