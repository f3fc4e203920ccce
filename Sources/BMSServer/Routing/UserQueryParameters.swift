import BMSCore
import Hummingbird

/// `GET /api/admin/users`'s query string as a `UserQuery`.
enum UserQueryParameters {
    static let defaultLimit = 20
    static let maximumLimit = 100

    /// `role`, `verified`, `suspended`, `q` (name or e-mail prefix), `cursor`, `limit` (1…100).
    static func parse(_ parameters: Parameters) throws(APIError) -> UserQuery {
        var query = UserQuery()
        query.role = try QueryValue.oneOf(parameters, "role", Role.self)
        query.isVerified = try QueryValue.boolean(parameters, "verified")
        query.isSuspended = try QueryValue.boolean(parameters, "suspended")
        query.search = QueryValue.text(parameters, "q")
        query.cursor = QueryValue.text(parameters, "cursor")
        query.limit = try QueryValue.integer(parameters, "limit", in: 1...maximumLimit) ?? defaultLimit
        return query
    }
}
