import BMSCore

/// An e-mail in the outbox as admins see it, with the link it carries so that mail can be checked (and,
/// until SMTP delivery exists, followed by hand).
struct OutboxMessageResponse: Encodable, Sendable {
    let id: String
    let recipient: String
    let subject: String
    let textBody: String
    let htmlBody: String
    let status: String
    let attempts: Int
    let createdAt: String
    let link: String?

    init(_ message: OutboxMessage) {
        id = message.id.description
        recipient = message.recipient.value
        subject = message.subject
        textBody = message.textBody
        htmlBody = message.htmlBody
        status = message.status.rawValue
        attempts = message.attempts
        createdAt = UserResponse.timestamp(message.createdAt)
        link = message.link
    }
}
