import BMSCore
import BMSStore
import Logging
import Synchronization

/// While no `SMTP_URL` is set nothing delivers e-mail, so each new outbox message's link (verification,
/// password reset) is logged at info level as "email link" with its recipient: a local operator can
/// then complete the flow by hand. Handlers that put mail in the outbox call `announceNew` afterwards.
///
/// The outbox is read from the last message seen, which starts at the newest one when the server
/// starts, so a restart does not repeat old links. The cursor sits behind a `Mutex` so that two
/// requests never log the same message twice.
final class MailLinkLog: Sendable {
    private let outbox: Outbox
    private let enabled: Bool
    private let cursor: Mutex<ObjectID?>

    private static let pageSize = 100

    /// - Parameter enabled: false when e-mail is delivered (`SMTP_URL` set); then nothing is logged.
    init(outbox: Outbox, enabled: Bool) throws {
        self.outbox = outbox
        self.enabled = enabled
        var last: ObjectID?
        if enabled {
            while let newest = try outbox.messages(limit: Self.pageSize, after: last).last { last = newest.id }
        }
        cursor = Mutex(last)
    }

    /// Logs the link of every message added since the last call. A failure to read the outbox is
    /// logged, not thrown: the mail is stored, and the request that queued it has succeeded.
    func announceNew(logger: Logger) {
        guard enabled else { return }
        cursor.withLock { cursor in
            do {
                while true {
                    let messages = try outbox.messages(limit: Self.pageSize, after: cursor)
                    guard let newest = messages.last else { return }
                    for message in messages {
                        logger.info(
                            "email link",
                            metadata: [
                                "recipient": .string(message.recipient.value), "subject": .string(message.subject),
                                "link": .string(message.link ?? "(none)"),
                            ])
                    }
                    cursor = newest.id
                }
            } catch {
                logger.warning("cannot read the outbox to log e-mail links", metadata: ["error": .string(String(describing: error))])
            }
        }
    }
}
