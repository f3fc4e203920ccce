import BMSCore

/// A notification as its recipient sees it.
struct NotificationResponse: Encodable, Sendable {
    let id: String
    /// `property-verified`, `property-rejected`, `property-pending`, …: the web UI picks icon and wording by it.
    let kind: String
    let title: String
    let body: String
    /// Where the web UI takes the user; null when nowhere.
    @Nullable var link: String?
    let isRead: Bool
    let createdAt: String
    @Nullable var readAt: String?

    init(_ notification: Notification) {
        id = notification.id.description
        kind = notification.kind.rawValue
        title = notification.title
        body = notification.body
        link = notification.link
        isRead = notification.readAt != nil
        createdAt = UserResponse.timestamp(notification.createdAt)
        readAt = notification.readAt.map(UserResponse.timestamp)
    }
}

/// A page of notifications, newest first.
struct NotificationList: Encodable, Sendable {
    let notifications: [NotificationResponse]
    /// Pass as `before` for the next page; null on the last page.
    @Nullable var nextCursor: String?

    init(_ notifications: [Notification], limit: Int) {
        self.notifications = notifications.map(NotificationResponse.init)
        nextCursor = PageCursor.next(notifications, limit: limit) { $0.id.description }
    }
}
