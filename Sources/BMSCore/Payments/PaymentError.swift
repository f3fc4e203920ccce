/// Why a payments request was refused. Mapped to HTTP in one place (the server's error mapping).
public enum PaymentError: Error, Sendable, Equatable {
    /// 422: field → message.
    case validation([String: String])
    /// 404: no such booking, payment or account, or one the caller may not see.
    case notFound
    /// 403: not the booking's seeker (paying), not the owner (connecting), not an admin (refunds).
    case forbidden
    /// 409: the booking cannot be paid now (already paid, ended, or its hold is over), named.
    case notPayable(String)
    /// 402: the card was refused; the provider's code and a message for the payer.
    case declined(code: String, message: String)
    /// 409: a refund larger than what remains paid.
    case refundTooLarge(remaining: Money)
    /// 502: the provider refused or could not be reached; `message` says which.
    case provider(PaymentProviderError)
    /// 400: a webhook whose signature does not verify, is stale, or whose body is not an event.
    case badWebhook(String)
}
