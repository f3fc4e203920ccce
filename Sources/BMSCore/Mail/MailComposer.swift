import BMSStore
import Foundation

/// Builds outbox messages in text and HTML from paragraphs and one action link. Names and reasons come
/// from users, so the HTML body escapes them.
enum MailComposer {
    /// A message to `user`: `lines` as paragraphs, then `link`, then `closing`.
    static func message(to user: User, subject: String, now: Date, link: String, lines: [String], closing: String) -> OutboxMessage {
        let text = (lines + [link, closing]).joined(separator: "\n\n") + "\n"
        let paragraphs = lines.map { "<p>\(escape($0))</p>" }.joined()
        let html =
            "<!doctype html><html><body>\(paragraphs)<p><a href=\"\(escape(link))\">\(escape(link))</a></p><p>\(escape(closing))</p></body></html>"
        return OutboxMessage(
            id: ObjectID(time: now), recipient: user.email, subject: subject, textBody: text, htmlBody: html,
            status: .queued, attempts: 0, createdAt: now, link: link
        )
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
