import BMSCore
import BMSStore
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
        let nextCursor: String?
        let total: Int
    }

    struct OutboxList: Encodable, Sendable {
        let messages: [OutboxMessageResponse]
        /// Pass as `after` for the next page; null on the last page.
        let nextCursor: String?
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
        let limit = try QueryValue.integer(parameters, "limit", in: 1...100) ?? 50
        var after: ObjectID?
        if let text = parameters["after"].map(String.init) {
            guard let id = ObjectID(text) else { throw APIError.validationFailed(["after": "must be a message id"]) }
            after = id
        }
        let messages = try outbox.messages(limit: limit, after: after)
        return APIResponse(
            OutboxList(
                messages: messages.map(OutboxMessageResponse.init),
                nextCursor: messages.count == limit ? messages.last?.id.description : nil))
    }

    private func setSuspended(_ suspended: Bool, _ context: AppRequestContext) async throws -> APIResponse<UserEnvelope> {
        let admin = try context.requireRole(.admin)
        let user = try await accounts.setSuspended(try UserController.userID(context), suspended, by: admin)
        return APIResponse(UserEnvelope(user: .full(user)))
    }
}
