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
        MailComposer.message(
            to: user, subject: "Confirm your e-mail address for BookMySleep", now: now, link: link,
            lines: [
                "Welcome to BookMySleep, \(user.firstName)!",
                "Please confirm your e-mail address by opening this link within \(hours(lifetime)):",
            ],
            closing: "If you did not create an account, you can ignore this message."
        )
    }

    static func passwordReset(to user: User, link: String, validFor lifetime: Duration, now: Date) -> OutboxMessage {
        MailComposer.message(
            to: user, subject: "Reset your BookMySleep password", now: now, link: link,
            lines: [
                "Hello \(user.firstName),",
                "someone asked to reset the password of your BookMySleep account. Open this link within \(hours(lifetime)) to choose a new one:",
            ],
            closing: "If it was not you, ignore this message: your password stays as it is."
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
}
