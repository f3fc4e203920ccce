import BMSCore

/// Values every page's layout uses, so that each page adds only its own.
enum PageValues {
    static func common(title: String) -> [String: Any] {
        ["title": title, "version": AppVersion.current, "schemaVersion": BookMySleepSchema.current.version]
    }
}
