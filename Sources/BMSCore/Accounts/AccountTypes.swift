import BMSStore
import Foundation

/// What a successful registration, login or refresh hands back. The HTTP layer adds the access token.
public struct IssuedSession: Sendable {
    public let user: User
    /// The opaque refresh token; shown once, only its hash is stored.
    public let refreshToken: String
    public let refreshExpiresAt: Date
    /// The token family: access tokens carry it so that logout ends them too (`isSessionActive`).
    public let sessionID: ObjectID
}

/// An admin's filter over the user directory. Every field narrows; nil means any.
public struct UserQuery: Sendable {
    public var role: Role?
    public var isVerified: Bool?
    public var isSuspended: Bool?
    /// Words matched as prefixes of first name, last name, e-mail and its local part, ignoring case and
    /// accents; every word must match.
    public var search: String?
    /// From the previous page's `nextCursor`.
    public var cursor: String?
    /// 1…100; larger values are capped at 100.
    public var limit: Int = 20

    public init() {}
}

/// One page of the user directory, newest users first.
public struct UserPage: Sendable {
    public let users: [User]
    /// Pass as `UserQuery.cursor` for the next page; nil on the last page.
    public let nextCursor: String?
    /// How many users match the query in all.
    public let total: Int
}
