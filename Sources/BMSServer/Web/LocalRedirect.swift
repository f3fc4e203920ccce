/// Where to send the browser after a form, from a `next` field: a path on this site only, so that a
/// crafted link cannot turn the login page into a redirect to somewhere else.
enum LocalRedirect {
    static func path(_ next: String?, default fallback: String = "/") -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
            !next.contains(where: { $0.isNewline || $0 == "\0" })
        else { return fallback }
        return next
    }
}
