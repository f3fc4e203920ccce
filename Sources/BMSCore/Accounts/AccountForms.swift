/// The body of a registration, as sent: every field optional so that validation can name each one that
/// is missing or wrong in a single answer.
public struct RegistrationForm: Sendable, Decodable {
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var password: String?
    public var phoneNumber: String?
    /// "seeker" or "owner"; "admin" is refused with a field error.
    public var role: String?

    public init(
        firstName: String? = nil, lastName: String? = nil, email: String? = nil, password: String? = nil,
        phoneNumber: String? = nil, role: String? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.password = password
        self.phoneNumber = phoneNumber
        self.role = role
    }
}

/// The fields a profile update may change; nil leaves a field as it is. `role` and `isVerified` may be
/// sent by admins only. E-mail and password change through their own flows, never here.
public struct ProfileChanges: Sendable, Decodable {
    public var firstName: String?
    public var lastName: String?
    public var phoneNumber: String?
    public var role: String?
    public var isVerified: Bool?

    public init(
        firstName: String? = nil, lastName: String? = nil, phoneNumber: String? = nil, role: String? = nil,
        isVerified: Bool? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.phoneNumber = phoneNumber
        self.role = role
        self.isVerified = isVerified
    }
}
