import BMSCore
import BMSStore
import Foundation
import HTTPTypes
import Hummingbird

/// The one place that decides what a thrown error means in HTTP. Every error a handler or middleware
/// throws passes through here, so the same failure always gets the same status, code and message.
extension APIError {
    /// Maps any error to what the client is told.
    /// - Parameters:
    ///   - error: what was thrown.
    ///   - requestID: quoted in the generic message of a server fault.
    public init(mapping error: any Error, requestID: String) {
        switch error {
        case let error as APIError:
            self = error
        case let error as StoreError:
            self = Self.mapping(error, requestID: requestID)
        case let error as AuthError:
            self = Self.mapping(error)
        case let error as AccountError:
            self = Self.mapping(error)
        case let error as ListingError:
            self = Self.mapping(error)
        case let error as BookingError:
            self = Self.mapping(error)
        case let error as PaymentError:
            self = Self.mapping(error)
        case let error as UploadError:
            self = Self.mapping(error)
        case let error as DecodingError:
            self = Self.mapping(error)
        case let error as HTTPError:
            self = Self.mapping(status: error.status, message: error.body, headers: error.headers, requestID: requestID)
        case let error as any HTTPResponseError:
            // Hummingbird's own errors, such as the 413 thrown when a body outgrows `maxUploadSize`.
            self = Self.mapping(status: error.status, message: nil, headers: [:], requestID: requestID)
        default:
            self = .internalError(requestID: requestID)
        }
    }

    /// Exhaustive on purpose: a new store error must be given its HTTP meaning here.
    private static func mapping(_ error: StoreError, requestID: String) -> APIError {
        switch error {
        case .uniqueViolation(_, let field):
            APIError(.conflict, code: "conflict", message: "This \(field) is already taken.", fields: [field: "is already taken"])
        case .duplicateID:
            APIError(.conflict, code: "conflict", message: "This record already exists.")
        case .recordNotFound:
            .notFound
        case .mapFull:
            APIError(Self.insufficientStorage, code: "storage_full", message: "The server's storage is full. Try again later.")
        case .invalidCoordinates:
            .validationFailed(["location": "latitude must be within -90…90 and longitude within -180…180"])
        case .invalidGeoQuery(let reason):
            APIError(.unprocessableContent, code: "validation_failed", message: "The location query is not valid: \(reason).")
        case .closed:
            APIError(.serviceUnavailable, code: "unavailable", message: "The server is shutting down. Try again shortly.")
        case .lmdb, .cannotOpen, .notOurFile, .newerSchema, .corrupt, .unknownTable:
            .internalError(requestID: requestID)
        }
    }

    private static func mapping(_ error: AuthError) -> APIError {
        switch error {
        case .authenticationRequired:
            APIError(
                .unauthorized, code: "unauthenticated",
                message: "Log in to do this: the request has no valid access token (it may have expired; refresh it).",
                headers: [.wwwAuthenticate: "Bearer"])
        case .invalidAccessToken:
            APIError(
                .unauthorized, code: "invalid_token", message: "The access token is invalid or has expired. Refresh it or log in again.",
                headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
        case .csrfFailed:
            APIError(
                .forbidden, code: "csrf_failed",
                message: "This request needs the X-CSRF-Token header with the token from the bms_csrf cookie.")
        case .forbidden:
            .forbidden
        }
    }

    /// Exhaustive on purpose: a new account error must be given its HTTP meaning here.
    private static func mapping(_ error: AccountError) -> APIError {
        switch error {
        case .validation(let fields):
            .validationFailed(fields)
        case .emailTaken:
            APIError(
                .conflict, code: "conflict", message: "An account with this e-mail address exists already.",
                fields: ["email": "is already taken"])
        case .invalidCredentials:
            APIError(.unauthorized, code: "invalid_credentials", message: "The e-mail address or password is wrong.")
        case .tooManyFailedLogins(let retryAfter):
            tooManyFailedLogins(retryAfterSeconds: max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0)))
        case .invalidToken:
            APIError(.badRequest, code: "invalid_token", message: "This link or token is invalid, used already, or has expired.")
        case .refreshTokenReused:
            APIError(
                .unauthorized, code: "refresh_token_reused",
                message: "This refresh token was used already, so every session of this login has been ended. Log in again.")
        case .suspended:
            APIError(.forbidden, code: "account_suspended", message: "This account is suspended. Contact support.")
        case .forbidden:
            .forbidden
        case .notFound:
            .notFound
        case .unsupportedImage:
            .validationFailed(["avatar": "must be a JPEG, PNG or WebP image (checked by its content, not its name)"])
        case .imageTooLarge(let limit):
            .contentTooLarge(limit: limit)
        }
    }

    /// Exhaustive on purpose: a new listing error must be given its HTTP meaning here.
    private static func mapping(_ error: ListingError) -> APIError {
        switch error {
        case .validation(let fields):
            .validationFailed(fields)
        case .notFound:
            .notFound
        case .forbidden:
            .forbidden
        case .roomNumberTaken:
            APIError(
                .conflict, code: "conflict", message: "Another room of this property has this number.",
                fields: ["roomNumber": "is already taken"])
        case .stillBooked(let reason):
            APIError(.conflict, code: "still_booked", message: "This cannot be deleted yet: \(reason).")
        case .tooManyImages(let limit):
            .validationFailed(["images": "at most \(limit) images"])
        case .unsupportedImage:
            .validationFailed(["images": "must be JPEG, PNG or WebP (checked by their content, not their name)"])
        case .imageTooLarge(let limit):
            .contentTooLarge(limit: limit)
        }
    }

    /// Exhaustive on purpose: a new booking error must be given its HTTP meaning here.
    private static func mapping(_ error: BookingError) -> APIError {
        switch error {
        case .validation(let fields):
            return .validationFailed(fields)
        case .notFound:
            return .notFound
        case .forbidden:
            return .forbidden
        case .unavailable(let firstFullNight, let reason):
            return APIError(
                .conflict, code: "unavailable", message: "These beds cannot be booked: \(reason).",
                details: firstFullNight.map { ["firstFullNight": .text($0.description)] } ?? [:])
        case .priceChanged(let quote):
            return APIError(
                .conflict, code: "price_changed",
                message: "The price is now \(quote.total.minorUnits) (minor units), not the totalAmount sent. Check the quote and book again.",
                details: ["quote": quoteDetail(quote)])
        case .illegalTransition(let from, let to):
            return APIError(
                .conflict, code: "illegal_transition", message: "This booking is \(from.name), so it cannot become \(to.name).",
                details: ["bookingStatus": .text(from.name)])
        case .stayEnded(let checkOut):
            return APIError(
                .conflict, code: "stay_ended", message: "This stay ended on \(checkOut); it can no longer be cancelled.",
                details: ["checkOutDate": .text(checkOut.description)])
        case .paymentState(let status, let expected):
            return APIError(
                .conflict, code: "payment_state", message: "This needs the booking's payment \(expected); it is \(status.name).",
                details: ["paymentStatus": .text(status.name)])
        case .idempotencyKeyReused:
            return APIError(
                .unprocessableContent, code: "validation_failed",
                message: "This Idempotency-Key was used before with a different request. Use a new key for a new request.",
                fields: ["Idempotency-Key": "was used before with a different request"])
        }
    }

    private static func mapping(_ error: PaymentError) -> APIError {
        switch error {
        case .validation(let fields):
            .validationFailed(fields)
        case .notFound:
            .notFound
        case .forbidden:
            .forbidden
        case .notPayable(let why):
            APIError(.conflict, code: "not_payable", message: "This booking cannot be paid now: \(why).")
        case .declined(let code, let message):
            cardDeclined(code: code, message: message)
        case .refundTooLarge(let remaining):
            APIError(
                .conflict, code: "refund_too_large", message: "At most \(remaining.minorUnits) (minor units) remains paid on this booking.",
                details: ["remaining": .integer(remaining.minorUnits)])
        case .provider(let failure):
            mapping(failure)
        case .badWebhook(let reason):
            APIError(.badRequest, code: "bad_webhook", message: "The webhook call was refused: \(reason).")
        }
    }

    /// 402: the card was refused; the provider's message is for the payer.
    private static func cardDeclined(code: String, message: String) -> APIError {
        APIError(.paymentRequired, code: "card_declined", message: message, details: ["declineCode": .text(code)])
    }

    /// The provider's refusals: the operator's configuration (a bad key) or the provider's state, never
    /// the client's fault, so 502 with what the provider said.
    private static func mapping(_ error: PaymentProviderError) -> APIError {
        switch error {
        case .cardDeclined(let code, let message):
            cardDeclined(code: code, message: message)
        case .invalidRequest(let message, _), .notFound(let message):
            APIError(.badGateway, code: "payment_provider_error", message: "The payment provider refused the request: \(message)")
        case .authentication:
            APIError(
                .badGateway, code: "payment_provider_error",
                message: "The payment provider refused the server's key. The operator must check STRIPE_SECRET_KEY.")
        case .unavailable(let message):
            APIError(
                .badGateway, code: "payment_provider_unavailable",
                message: "The payment provider could not be reached: \(message). Try again shortly.")
        }
    }

    /// A quote as `error.quote`: amounts in minor units, as `GET /api/rooms/:id/quote` answers them.
    private static func quoteDetail(_ quote: BookingQuote) -> ErrorDetail {
        .object([
            "nights": .integer(Int64(quote.nights)), "beds": .integer(Int64(quote.beds)), "rent": .integer(quote.rent.minorUnits),
            "securityDeposit": .integer(quote.securityDeposit.minorUnits), "commission": .integer(quote.commission.minorUnits),
            "total": .integer(quote.total.minorUnits), "currency": .text(RoomResponse.currency),
        ])
    }

    private static func tooManyFailedLogins(retryAfterSeconds: Int) -> APIError {
        APIError(
            .tooManyRequests, code: "too_many_failed_logins",
            message: "Too many failed logins. Try again in \(retryAfterSeconds) second\(retryAfterSeconds == 1 ? "" : "s").",
            headers: [.retryAfter: String(retryAfterSeconds)])
    }

    private static func mapping(_ error: UploadError) -> APIError {
        switch error {
        case .notMultipart:
            APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "Send the file as multipart/form-data with a boundary.")
        case .malformed:
            APIError(.badRequest, code: "invalid_multipart", message: "The multipart/form-data body cannot be read.")
        }
    }

    private static func mapping(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return .validationFailed([fieldPath(context.codingPath + [key]): "is required"])
        case .valueNotFound(_, let context):
            return .validationFailed([fieldPath(context.codingPath): "must not be null"])
        case .typeMismatch(let type, let context):
            return .validationFailed([fieldPath(context.codingPath): "must be \(jsonKind(of: type))"])
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let detail = (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
            return .invalidJSON(detail)
        case .dataCorrupted(let context):
            return .validationFailed([fieldPath(context.codingPath): "is not valid: \(context.debugDescription)"])
        @unknown default:
            return .validationFailed(["body": "is not valid"])
        }
    }

    private static func mapping(
        status: HTTPResponse.Status, message: String?, headers: HTTPFields, requestID: String
    ) -> APIError {
        if status.kind == .serverError { return .internalError(requestID: requestID) }
        switch status {
        case .notFound where message == nil: return .notFound
        case .contentTooLarge: return .contentTooLarge(limit: nil)
        default:
            let code = status.reasonPhrase.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "_")
            return APIError(status, code: code, message: message ?? status.reasonPhrase + ".", headers: headers)
        }
    }

    /// 507: HTTPTypes names no constant for it.
    private static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    /// `rooms[0].price` from a coding path.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "body" : text
    }

    /// What a JSON client calls the expected type. Decoders report a mismatched container as `[Any]`
    /// or `[String: Any]`.
    private static func jsonKind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is any BinaryInteger.Type: "an integer"
        case is any BinaryFloatingPoint.Type: "a number"
        case _ where ObjectIdentifier(type) == ObjectIdentifier([Any].self): "an array"
        case _ where ObjectIdentifier(type) == ObjectIdentifier([String: Any].self): "an object"
        default: "a value of the right type"
        }
    }
}
