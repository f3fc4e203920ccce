import HTTPTypes
import Hummingbird

/// An error with everything the client is told: HTTP status, a stable machine-readable `code`, a
/// message for people, the offending `fields` for validation failures, `details` a program can act on
/// (the current price of a price-changed booking), and headers such as `Allow` or `Retry-After`.
/// Handlers throw it; `ErrorResponseMiddleware` renders it as the JSON envelope under `/api` or as an
/// HTML page elsewhere.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// Stable, snake_case, for programs: `not_found`, `validation_failed`, `rate_limited`, …
    public var code: String
    public var message: String
    /// Field path (`rooms[0].price`) → what is wrong with it.
    public var fields: [String: String]?
    /// More members of the envelope's `error` object beside `code`, `message` and `fields`, such as the
    /// `quote` of a 409 `price_changed`. Their names must not be one of those three.
    public var details: [String: ErrorDetail]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, message: String, fields: [String: String]? = nil,
        details: [String: ErrorDetail] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.details = details
        self.headers = headers
    }

    /// No route matches the path.
    public static let notFound = APIError(.notFound, code: "not_found", message: "There is nothing at this address.")

    /// The caller is known, but their role or relation to the resource does not allow this.
    public static let forbidden = APIError(.forbidden, code: "forbidden", message: "You are not allowed to do this.")

    /// The path exists, but not for this method.
    public static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, code: "method_not_allowed", message: "This address accepts only \(list).",
            headers: [.allow: list])
    }

    /// The body is larger than `limit` bytes (or than the limit in force, when `limit` is nil).
    public static func contentTooLarge(limit: Int?) -> APIError {
        let message = limit.map { "The request body is larger than the limit of \($0) bytes." } ?? "The request body is too large."
        return APIError(.contentTooLarge, code: "content_too_large", message: message)
    }

    /// Input that parsed but is not acceptable; `fields` names each problem.
    public static func validationFailed(_ fields: [String: String]) -> APIError {
        let names = fields.keys.sorted().joined(separator: ", ")
        return APIError(
            .unprocessableContent, code: "validation_failed", message: "Some fields are not valid: \(names).",
            fields: fields)
    }

    /// The body is not JSON at all.
    public static func invalidJSON(_ detail: String) -> APIError {
        APIError(.badRequest, code: "invalid_json", message: "The request body is not valid JSON: \(detail)")
    }

    /// Too many requests from this client; try again after `retryAfterSeconds`.
    public static func rateLimited(retryAfterSeconds: Int) -> APIError {
        APIError(
            .tooManyRequests, code: "rate_limited",
            message: "Too many requests. Try again in \(retryAfterSeconds) second\(retryAfterSeconds == 1 ? "" : "s").",
            headers: [.retryAfter: String(retryAfterSeconds)])
    }

    /// A fault on our side. The message is deliberately generic: details go to the log only, under the
    /// request id that the client can quote.
    public static func internalError(requestID: String) -> APIError {
        APIError(
            .internalServerError, code: "internal_error",
            message: "Something went wrong on our side. If it keeps happening, quote request id \(requestID).")
    }
}

/// A value an error carries for programs: text, an integer (an amount in minor units) or an object of them.
public indirect enum ErrorDetail: Encodable, Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case object([String: ErrorDetail])

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text): try text.encode(to: encoder)
        case .integer(let number): try number.encode(to: encoder)
        case .object(let members): try members.encode(to: encoder)
        }
    }
}
