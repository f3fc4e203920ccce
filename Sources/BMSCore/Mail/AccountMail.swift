import BMSStore
import Foundation

/// The account e-mails: verification and password reset, in text and HTML. Names come from users, so
/// the HTML body escapes them.
enum AccountMail {
    /// The page a verification link opens: `<publicURL>/verify-email/<token>`.
    static func verificationLink(publicURL: String, token: SecretToken) -> String {
        link(publicURL, "verify-email", token)
    }

    /// The page a reset link opens: `<publicURL>/reset-password/<token>`.
    static func resetLink(publicURL: String, token: SecretToken) -> String {
        link(publicURL, "reset-password", token)
    }

    static func verification(to user: User, link: String, validFor lifetime: Duration, now: Date) -> OutboxMessage {
        message(
            to: user, subject: "Confirm your e-mail address for BookMySleep", now: now, link: link,
            lines: [
                "Welcome to BookMySleep, \(user.firstName)!",
                "Please confirm your e-mail address by opening this link within \(hours(lifetime)):",
            ],
            closing: "If you did not create an account, you can ignore this message."
        )
    }

    static func passwordReset(to user: User, link: String, validFor lifetime: Duration, now: Date) -> OutboxMessage {
        message(
            to: user, subject: "Reset your BookMySleep password", now: now, link: link,
            lines: [
                "Hello \(user.firstName),",
                "someone asked to reset the password of your BookMySleep account. Open this link within \(hours(lifetime)) to choose a new one:",
            ],
            closing: "If it was not you, ignore this message: your password stays as it is."
        )
    }

    private static func message(to user: User, subject: String, now: Date, link: String, lines: [String], closing: String) -> OutboxMessage {
        let text = (lines + [link, closing]).joined(separator: "\n\n") + "\n"
        let paragraphs = lines.map { "<p>\(escape($0))</p>" }.joined()
        let html =
            "<!doctype html><html><body>\(paragraphs)<p><a href=\"\(escape(link))\">\(escape(link))</a></p><p>\(escape(closing))</p></body></html>"
        return OutboxMessage(
            id: ObjectID(time: now), recipient: user.email, subject: subject, textBody: text, htmlBody: html,
            status: .queued, attempts: 0, createdAt: now, link: link
        )
    }

    private static func link(_ publicURL: String, _ page: String, _ token: SecretToken) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(page)/\(token.text)"
    }

    private static func hours(_ duration: Duration) -> String {
        let hours = Int((duration.timeInterval / 3600).rounded(.up))
        return hours == 1 ? "1 hour" : "\(hours) hours"
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
