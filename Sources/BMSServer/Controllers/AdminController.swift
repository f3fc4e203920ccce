import BMSCore
import Hummingbird

/// `/api/admin/*`: the user list with filters and search, suspending users, and the e-mail outbox.
/// Every route is for admins only.
struct AdminController {
    let accounts: AccountService
    let outbox: Outbox

    func addRoutes(to router: Router<AppRequestContext>) {
        let admin = router.group("/api/admin")
        admin.get("/users", use: listUsers)
        admin.put("/users/:id/suspend", use: suspend)
        admin.put("/users/:id/unsuspend", use: unsuspend)
        admin.get("/outbox", use: listOutbox)
    }

    struct UserList: Encodable, Sendable {
        let users: [UserResponse]
        @Nullable var nextCursor: String?
        let total: Int
    }

    struct OutboxList: Encodable, Sendable {
        let messages: [OutboxMessageResponse]
        /// Pass as `after` for the next page; null on the last page.
        @Nullable var nextCursor: String?
    }

    /// `?role=&verified=&suspended=&q=&cursor=&limit=`, every parameter optional.
    func listUsers(request: Request, context: AppRequestContext) throws -> APIResponse<UserList> {
        let admin = try context.requireRole(.admin)
        let query = try UserQueryParameters.parse(request.uri.queryParameters)
        let page = try accounts.listUsers(query, by: admin)
        return APIResponse(UserList(users: page.users.map(UserResponse.full), nextCursor: page.nextCursor, total: page.total))
    }

    func suspend(request: Request, context: AppRequestContext) async throws -> APIResponse<UserEnvelope> {
        try await setSuspended(true, context)
    }

    func unsuspend(request: Request, context: AppRequestContext) async throws -> APIResponse<UserEnvelope> {
        try await setSuspended(false, context)
    }

    /// Oldest first, `?after=<id>&limit=` (1…100, default 50).
    func listOutbox(request: Request, context: AppRequestContext) throws -> APIResponse<OutboxList> {
        _ = try context.requireRole(.admin)
        let parameters = request.uri.queryParameters
        let limit = try QueryValue.pageLimit(parameters, default: 50)
        let messages = try outbox.messages(limit: limit, after: try QueryValue.objectID(parameters, "after"))
        return APIResponse(
            OutboxList(
                messages: messages.map(OutboxMessageResponse.init),
                nextCursor: PageCursor.next(messages, limit: limit) { $0.id.description }))
    }

    private func setSuspended(_ suspended: Bool, _ context: AppRequestContext) async throws -> APIResponse<UserEnvelope> {
        let admin = try context.requireRole(.admin)
        let user = try await accounts.setSuspended(try context.pathID(), suspended, by: admin)
        return APIResponse(UserEnvelope(user: .full(user)))
    }
}
