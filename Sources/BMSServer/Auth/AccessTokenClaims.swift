import JWTKit

/// What an access token says: whose it is (`sub`), their role when it was issued, the login session it
/// belongs to (`sid`, the refresh-token family, so that logging out ends the access token too), the
/// SHA-256 of the session's CSRF token (`csrf`, so a cookie request can prove it was sent by our page),
/// when it was issued and expires, and a unique id (`jti`).
struct AccessTokenClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var role: String
    var sid: String
    var csrf: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var jti: IDClaim

    /// Nothing to check here: expiry is checked by `AccessTokens.verify` against the application's
    /// clock (which tests move by hand), not against the wall clock jwt-kit would pass.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
