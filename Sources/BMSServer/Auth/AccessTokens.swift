import BMSCore
import BMSStore
import Foundation
import JWTKit

/// Issues and checks access tokens: HS256 JWTs that live 15 minutes.
///
/// Only HS256 with our own key is accepted. The header's `alg` is checked before the signature, so a
/// token claiming `none`, or RS256 in the hope that a public key is used as an HMAC secret, is refused
/// outright rather than relying on the signature check alone to fail.
struct AccessTokens: Sendable {
    /// How long an access token is valid: short, because it is checked without a store lookup of the
    /// token itself (the session and user are still loaded on every request).
    static let lifetime: TimeInterval = 15 * 60
    static let algorithm = "HS256"

    private let keys: JWTKeyCollection
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - secret: the HMAC key, at least 32 bytes (`JWT_SECRET` or the key kept in the data file).
    ///   - now: the clock for `iat`, `exp` and expiry checks.
    init(secret: [UInt8], now: @escaping @Sendable () -> Date) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.now = now
    }

    /// A signed access token for a session that was just issued or refreshed.
    /// - Parameter csrfToken: the session's CSRF token; only its SHA-256 goes into the token.
    func issue(for session: IssuedSession, csrfToken: CSRFToken) async throws -> String {
        // Whole seconds, as JWT NumericDates are commonly read, so `exp` means exactly what it says.
        let issued = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        let claims = AccessTokenClaims(
            sub: SubjectClaim(value: session.user.id.description),
            role: session.user.role.rawValue,
            sid: session.sessionID.description,
            csrf: csrfToken.digest,
            iat: IssuedAtClaim(value: issued),
            exp: ExpirationClaim(value: issued.addingTimeInterval(Self.lifetime)),
            jti: IDClaim(value: ObjectID().description))
        return try await keys.sign(claims)
    }

    /// The claims of a genuine, unexpired token.
    /// - Throws: `AuthError.invalidAccessToken` for anything else (malformed, other algorithm, bad
    ///   signature, expired); the reason is not told to the client.
    func verify(_ token: String) async throws(AuthError) -> AccessTokenClaims {
        guard Self.declaredAlgorithm(of: token) == Self.algorithm else { throw .invalidAccessToken }
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw .invalidAccessToken
        }
        guard now() < claims.exp.value else { throw .invalidAccessToken }
        return claims
    }

    /// The `alg` of the token's header, or nil when the header is not a JSON object with one.
    static func declaredAlgorithm(of token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let bytes = Base64URL.decode(header),
            let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any]
        else { return nil }
        return object["alg"] as? String
    }
}
