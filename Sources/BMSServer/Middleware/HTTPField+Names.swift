import HTTPTypes

/// Header names HTTPTypes has no constant for.
extension HTTPField.Name {
    static let xRequestID = Self("X-Request-Id")!
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let idempotencyKey = Self("Idempotency-Key")!
}

extension HTTPField.Name {
    static let stripeSignature = Self("Stripe-Signature")!
}

/// Statuses HTTPTypes has no constant for.
extension HTTPResponse.Status {
    /// 402: a card was declined.
    static let paymentRequired = Self(code: 402, reasonPhrase: "Payment Required")
}
