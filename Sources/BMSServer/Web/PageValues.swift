import BMSCore

/// Values every page's layout uses, so that each page adds only its own.
enum PageValues {
    /// For pages that do not know who is looking (the error pages, rendered outside authentication):
    /// their header offers no account links rather than wrong ones.
    static func common(title: String) -> [String: Any] {
        ["title": title, "version": AppVersion.current, "schemaVersion": BookMySleepSchema.current.version]
    }

    /// For pages that know the session: the header shows log in/sign up or the user's name and log out.
    static func common(title: String, session: BrowserSession) -> [String: Any] {
        common(title: title).merging(session.values) { _, session in session }
    }
}
