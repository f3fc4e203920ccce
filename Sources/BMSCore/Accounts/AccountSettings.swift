/// How the accounts domain is configured. The server fills it from flags and the environment.
public struct AccountSettings: Sendable {
    /// The site's public address, for links in e-mails, e.g. "http://127.0.0.1:8080".
    public var publicURL: String
    /// bcrypt's log2 work factor: 12 by default, 4…31 by bcrypt's own limits.
    public var bcryptCost: Int
    /// Lets `bcryptCost` go below 12: for tests only; the caller logs a warning when it is set.
    public var allowWeakHashing: Bool
    public var refreshTokenLifetime: Duration = .seconds(30 * 24 * 3600)
    public var verificationLinkLifetime: Duration = .seconds(24 * 3600)
    public var resetLinkLifetime: Duration = .seconds(3600)
    public var loginFailureLimit = 5
    public var loginFailureWindow: Duration = .seconds(15 * 60)

    public init(publicURL: String, bcryptCost: Int = 12, allowWeakHashing: Bool = false) {
        self.publicURL = publicURL
        self.bcryptCost = bcryptCost
        self.allowWeakHashing = allowWeakHashing
    }

    /// The weakest cost allowed without `allowWeakHashing`.
    public static let minimumProductionCost = 12
}

/// Settings `AccountService.init` refuses, so a bad configuration stops start-up instead of weakening it.
public enum AccountSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// bcrypt only accepts 4…31.
    case bcryptCostOutOfRange(Int)
    /// Below 12 without `allowWeakHashing`.
    case weakBcryptCost(Int)
    /// A lifetime, window or limit that is zero or negative.
    case nonPositive(setting: String)

    public var description: String {
        switch self {
        case .bcryptCostOutOfRange(let cost): "BCRYPT_COST must lie within 4…31, not \(cost)"
        case .weakBcryptCost(let cost):
            "BCRYPT_COST \(cost) is below \(AccountSettings.minimumProductionCost); weaker hashing is for tests only"
        case .nonPositive(let setting): "\(setting) must be positive"
        }
    }
}

extension AccountSettings {
    func validated() throws(AccountSettingsError) -> AccountSettings {
        guard (4...31).contains(bcryptCost) else { throw .bcryptCostOutOfRange(bcryptCost) }
        guard bcryptCost >= Self.minimumProductionCost || allowWeakHashing else { throw .weakBcryptCost(bcryptCost) }
        let durations = [
            ("refreshTokenLifetime", refreshTokenLifetime), ("verificationLinkLifetime", verificationLinkLifetime),
            ("resetLinkLifetime", resetLinkLifetime), ("loginFailureWindow", loginFailureWindow),
        ]
        for (name, duration) in durations where duration <= .zero { throw .nonPositive(setting: name) }
        guard loginFailureLimit > 0 else { throw .nonPositive(setting: "loginFailureLimit") }
        return self
    }
}
