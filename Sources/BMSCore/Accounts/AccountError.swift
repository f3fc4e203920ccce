/// Everything the accounts domain refuses, as typed cases. The HTTP layer maps them to status codes and
/// the error envelope in one place; the comments give the intended status.
public enum AccountError: Error, Sendable, Equatable {
    /// 422: field → message, naming every bad field at once.
    case validation([String: String])
    /// 409, field "email".
    case emailTaken
    /// 401: the same for an unknown e-mail and a wrong password, so logins cannot probe for accounts.
    case invalidCredentials
    /// 429 with `Retry-After`.
    case tooManyFailedLogins(retryAfter: Duration)
    /// 401/400: an unknown, expired, used or revoked token; one case, so callers learn nothing about which.
    case invalidToken
    /// 401: a refresh token was presented again after it had been rotated; its whole family is now revoked.
    case refreshTokenReused
    /// 403: the account is suspended.
    case suspended
    /// 403: not the user themselves nor an admin, or a non-admin changing role or verification.
    case forbidden
    /// 404.
    case notFound
    /// 422, field "avatar": the bytes are not a JPEG, PNG or WebP image.
    case unsupportedImage
    /// 413.
    case imageTooLarge(limit: Int)
}
