/// How payments are taken on this installation.
public struct PaymentSettings: Sendable {
    /// The installation's currency, lower case as providers spell it ("inr").
    public var currency = "inr"
    /// Where owners' connected accounts are registered (ISO code).
    public var country = "IN"
    /// The site's public address, for the links the provider sends owners back to after onboarding.
    public var siteURL = "http://127.0.0.1:8080"

    public init() {}
}
