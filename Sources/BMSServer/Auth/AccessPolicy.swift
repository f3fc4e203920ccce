import BMSCore

/// Who may do what, decided in one place: every route that needs a user calls one of these with the
/// request's context instead of inspecting the identity itself.
///
/// ```swift
/// let admin = try context.requireRole(.admin)
/// ```
extension AppRequestContext {
    /// The logged-in user, or nil for an anonymous request: for public routes whose answer depends on who
    /// asks (an owner sees their own unlisted property, the public only listed ones).
    var viewer: User? { identity?.user }

    /// The logged-in user.
    /// - Throws: `AuthError.authenticationRequired` (401) when the request has no valid access token.
    func requireUser() throws(AuthError) -> User {
        guard let identity else { throw .authenticationRequired }
        return identity.user
    }

    /// The logged-in user, who must have `role`.
    /// - Throws: 401 without a user, `AuthError.forbidden` (403) for any other role.
    func requireRole(_ role: Role) throws(AuthError) -> User {
        let user = try requireUser()
        guard user.role == role else { throw .forbidden }
        return user
    }

    /// The logged-in user, who must be the user `id` or an admin.
    /// - Throws: 401 without a user, 403 for someone else's account.
    func requireSelfOrAdmin(_ id: UserID) throws(AuthError) -> User {
        let user = try requireUser()
        guard user.id == id || user.role == .admin else { throw .forbidden }
        return user
    }
}
