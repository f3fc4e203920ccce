import BMSCore

extension AppConfiguration {
    /// The accounts' settings, shared by `bms serve` and `bms admin create`. E-mail links point at the
    /// pages under `/auth` (`<PUBLIC_URL>/auth/verify-email/<token>`): the account service builds them
    /// as `<base>/<page>/<token>`. A cost below 12 is allowed because start-up logs a warning for it.
    public var accountSettings: AccountSettings {
        AccountSettings(
            publicURL: linkBaseURL + "/auth", bcryptCost: bcryptCost, allowWeakHashing: bcryptCost < Self.recommendedBcryptCost)
    }
}
