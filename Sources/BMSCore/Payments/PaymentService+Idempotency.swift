import BMSStore
import Foundation

/// A payment POST's `Idempotency-Key` with the request it came with, per user and operation.
struct PaymentRequestKey: Sendable {
    var operation: String
    var user: UserID
    var key: String
    var request: [UInt8]

    /// Nil without a key; a key of the wrong length is a validation error naming the header.
    init?(_ operation: String, user: UserID, key: String?, request: String) throws {
        guard let key else { return nil }
        guard !key.isEmpty, key.utf8.count <= IdempotencyKeys.maximumKeyLength else {
            throw PaymentError.validation(["Idempotency-Key": "must be 1 to \(IdempotencyKeys.maximumKeyLength) bytes"])
        }
        self.operation = operation
        self.user = user
        self.key = key
        self.request = Array(request.utf8)
    }
}

extension PaymentService {
    /// True when the key was used before with this request: the caller answers the first result as it
    /// stands now instead of acting again. The key with another request throws `idempotencyKeyReused`.
    func isRepeat(_ key: PaymentRequestKey?) throws -> Bool {
        guard let key else { return false }
        return try store.read { txn in
            try idempotency.recorded(txn, operation: key.operation, user: key.user, key: key.key, request: key.request) != nil
        }
    }

    /// Notes the key after the request has acted. Two requests with one key racing both act, which is
    /// safe: each provider call under them carries the same provider idempotency key.
    func remember(_ key: PaymentRequestKey?, result: BookingID) async throws {
        guard let key else { return }
        try await store.write { [idempotency] txn in
            try idempotency.record(txn, operation: key.operation, user: key.user, key: key.key, request: key.request, result: result.objectID)
        }
    }
}
