import Foundation

/// An error answer in Stripe's envelope, `{"error": {"type", "code", "message", "param", …}}`, with the
/// HTTP status and the wording Stripe uses for each case.
struct StripeRefusal: Error, Sendable {
    var status: Int
    var type: String
    var code: String?
    var message: String
    var param: String?
    /// Further members of the error object: a card error's `decline_code`, `charge`, `payment_intent`.
    var extra: [String: JSONValue] = [:]

    var body: JSONValue { ["error": errorObject] }

    /// The object under `error`; a card error is also the intent's `last_payment_error`.
    var errorObject: JSONValue {
        var error: [String: JSONValue] = ["type": .string(type), "message": .string(message)]
        if let code {
            error["code"] = .string(code)
            error["doc_url"] = .string("https://stripe.com/docs/error-codes/\(code.replacingOccurrences(of: "_", with: "-"))")
        }
        if let param { error["param"] = .string(param) }
        error.merge(extra) { _, new in new }
        return .object(error)
    }

    static func invalid(_ message: String, param: String? = nil, code: String? = nil) -> StripeRefusal {
        StripeRefusal(status: 400, type: "invalid_request_error", code: code, message: message, param: param)
    }

    static func missing(_ param: String) -> StripeRefusal {
        invalid("Missing required param: \(param).", param: param, code: "parameter_missing")
    }

    static func unknown(_ param: String) -> StripeRefusal {
        invalid("Received unknown parameter: \(param)", param: param, code: "parameter_unknown")
    }

    /// An id that names nothing: 404 in a URL, 400 when a parameter refers to it.
    static func noSuch(_ kind: String, _ id: String, param: String, inURL: Bool = false) -> StripeRefusal {
        var refusal = invalid("No such \(kind): '\(id)'", param: param, code: "resource_missing")
        if inURL { refusal.status = 404 }
        return refusal
    }

    static func unrecognizedURL(method: String, path: String) -> StripeRefusal {
        StripeRefusal(
            status: 404, type: "invalid_request_error",
            message: "Unrecognized request URL (\(method): \(path)). "
                + "Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
        )
    }

    static func missingKey() -> StripeRefusal {
        StripeRefusal(
            status: 401, type: "invalid_request_error",
            message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth "
                + "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, "
                + "or we can help at https://support.stripe.com/."
        )
    }

    /// Stripe shows the key masked but for its last four characters.
    static func invalidKey(_ key: String) -> StripeRefusal {
        let masked = String(key.prefix(8)) + String(repeating: "*", count: max(key.count - 12, 0)) + String(key.suffix(4))
        return StripeRefusal(status: 401, type: "invalid_request_error", message: "Invalid API Key provided: \(masked)")
    }

    static func idempotencyMismatch(_ key: String) -> StripeRefusal {
        StripeRefusal(
            status: 400, type: "idempotency_error",
            message: "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                + "Try using a key other than '\(key)' if you meant to execute a different request."
        )
    }

    static func apiError(status: Int) -> StripeRefusal {
        StripeRefusal(status: status, type: "api_error", message: "An unknown error occurred on Stripe's end (injected by FakeStripe.failNext).")
    }
}
