import BMSCore

extension AppConfiguration {
    /// The payments domain's settings: the site's address for the links owners return to.
    public var paymentSettings: PaymentSettings {
        var settings = PaymentSettings()
        settings.siteURL = linkBaseURL
        return settings
    }

    /// Which provider takes payments: Stripe when `STRIPE_SECRET_KEY` is set, except in demo mode, whose
    /// made-up bookings are paid through the built-in provider and must stay with it.
    public var usesStripe: Bool { stripeSecretKey != nil && !isDemo }
}
