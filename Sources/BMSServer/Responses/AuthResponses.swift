/// The answer to register and login: the user and the session's tokens. This and `RefreshedTokens` are
/// the only responses that carry a refresh token, because they are the ones issuing it.
struct IssuedSessionResponse: Encodable, Sendable {
    let user: UserResponse
    let accessToken: String
    let refreshToken: String
    /// Send it back in `X-CSRF-Token` when authenticating by cookie.
    let csrfToken: String
    /// Seconds the access token is valid.
    let expiresIn: Int
}

/// The answer to a refresh: the new tokens (the refresh token sent is now spent).
struct RefreshedTokens: Encodable, Sendable {
    let accessToken: String
    let refreshToken: String
    let csrfToken: String
    let expiresIn: Int
}

/// `{ "user": … }`, for answers about one user.
struct UserEnvelope: Encodable, Sendable {
    let user: UserResponse
}

/// A sentence for people, for answers that have nothing else to say.
struct MessageResponse: Encodable, Sendable {
    let message: String
}
