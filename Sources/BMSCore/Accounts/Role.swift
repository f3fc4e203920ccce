/// What a user may do. Admins are made by `bms admin create` or the seed, never by public registration.
public enum Role: String, Codable, Sendable, CaseIterable {
    case seeker, owner, admin

    /// The roles a visitor may choose when registering.
    static let selfService: Set<Role> = [.seeker, .owner]

    /// A stable one-byte code for binary records and covering index bytes (raw values may be renamed).
    var code: UInt8 {
        switch self {
        case .seeker: 1
        case .owner: 2
        case .admin: 3
        }
    }

    init?(code: UInt8) {
        switch code {
        case 1: self = .seeker
        case 2: self = .owner
        case 3: self = .admin
        default: return nil
        }
    }
}
