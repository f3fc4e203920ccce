import BMSCore
import BMSStore

/// Who sent a request, as established by `AuthenticationMiddleware` from a valid access token: the user
/// as stored now (not as the token remembers them), the login session, and how the token arrived.
public struct Identity: Sendable {
    public let user: User
    /// The refresh-token family this access token belongs to.
    public let sessionID: ObjectID
    /// True when the token came in the `bms_access` cookie, which a browser sends by itself; such
    /// requests must prove their origin with the CSRF token on unsafe methods.
    public let viaCookie: Bool
    /// SHA-256 hex of the session's CSRF token, from the access token's `csrf` claim.
    public let csrfHash: String
}
