import BMSCore
import BMSStore
import Foundation
import Hummingbird

/// `/api/notifications`: the caller's own notifications, newest first, and marking one read. Nobody,
/// admins included, reads another user's.
struct NotificationController {
    let notifications: Notifications
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group("/api/notifications")
        group.get(use: list)
        group.put("/:id/read", use: markRead)
    }

    struct ReadReceipt: Encodable, Sendable {
        let id: String
        let isRead = true
    }

    /// `?limit=&before=<id>`.
    func list(request: Request, context: AppRequestContext) throws -> APIResponse<NotificationList> {
        let user = try context.requireUser()
        let parameters = request.uri.queryParameters
        let limit = try QueryValue.pageLimit(parameters)
        let page = try notifications.list(for: user.id, limit: limit, before: try QueryValue.objectID(parameters, "before"))
        return APIResponse(NotificationList(page, limit: limit))
    }

    /// 404 for a malformed id, someone else's notification or none at all: they look the same.
    func markRead(request: Request, context: AppRequestContext) async throws -> APIResponse<ReadReceipt> {
        guard let id = ObjectID(try context.parameters.require("id")) else { throw APIError.notFound }
        let user = try context.requireUser()
        guard try await notifications.markRead(id, for: user.id, now: now()) else { throw APIError.notFound }
        return APIResponse(ReadReceipt(id: id.description))
    }
}
