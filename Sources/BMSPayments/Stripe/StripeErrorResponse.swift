import BMSCore
import Foundation

/// Stripe's error envelope, `{"error": {"type", "code", "decline_code", "message", "param"}}`, and what
/// each kind of refusal means to the domain.
struct StripeErrorResponse: Decodable, Sendable {
    struct Body: Decodable, Sendable {
        var type: String?
        var code: String?
        var declineCode: String?
        var message: String?
        var param: String?

        enum CodingKeys: String, CodingKey {
            case type, code, message, param
            case declineCode = "decline_code"
        }
    }

    var error: Body

    /// The provider error for a refused request with HTTP `status` and body `bytes`. Statuses that are
    /// retried (429, 5xx) never get here: they only end a call as `.unavailable` after the last attempt.
    static func providerError(status: Int, bytes: [UInt8]) -> PaymentProviderError {
        let body = try? JSONDecoder().decode(Self.self, from: Data(bytes)).error
        let message = body?.message ?? "Stripe refused the request with HTTP \(status) and a body that is not a Stripe error"
        if status == 402 || body?.type == "card_error" {
            return .cardDeclined(code: body?.declineCode ?? body?.code ?? "card_declined", message: message)
        }
        if status == 401 { return .authentication(message: message) }
        if status == 404 || body?.code == "resource_missing" { return .notFound(message: message) }
        return .invalidRequest(message: message, parameter: body?.param)
    }
}
