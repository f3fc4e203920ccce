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
