import Mustache

/// Renders the server's HTML pages from the Mustache templates in `Assets/templates`. A template is
/// named by its file name without `.mustache` (`home`), and may use the others as partials or
/// parents (`{{<layout}}`).
///
/// Embedded templates are parsed once, at start-up, so a broken template stops the server before it
/// serves anything. With `--assets DIR` they are parsed again for every page, so edits show on reload.
struct PageRenderer: Sendable {
    private let source: AssetSource
    private let library: MustacheLibrary
    /// Settings every page hands to its scripts (the map's tile URL), under the page's own values.
    private let siteValues: [String: String]

    init(source: AssetSource, siteValues: [String: String]) throws(AssetError) {
        self.source = source
        self.library = try Self.loadLibrary(from: source)
        self.siteValues = siteValues
    }

    /// The page `template` rendered with `values`.
    func render(_ template: String, _ values: [String: Any]) throws(AssetError) -> HTMLPage {
        let library: MustacheLibrary
        if case .directory = source { library = try Self.loadLibrary(from: source) } else { library = self.library }
        let values = values.merging(siteValues.mapValues { $0 as Any }) { own, _ in own }
        guard let html = library.render(values, withTemplate: template) else { throw AssetError.missing("templates/\(template).mustache") }
        return HTMLPage(html: html)
    }

    /// The templates the server's pages render; a missing one stops start-up instead of a page.
    static let requiredTemplates = [
        "layout", "home", "search", "property", "book", "bookings", "booking", "cancel-booking", "pay-later", "login", "signup", "welcome",
        "forgot-password",
        "reset-password", "error", "verify-email", "owner-dashboard", "property-form", "listing-photos", "owner-rooms", "room-form",
        "admin-verification", "profile", "stripe-checkout",
    ]

    private static func loadLibrary(from source: AssetSource) throws(AssetError) -> MustacheLibrary {
        var library = MustacheLibrary()
        for path in try source.paths(under: "templates") where path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            guard let bytes = try source.bytes(at: path) else { throw AssetError.missing(path) }
            do {
                try library.register(String(decoding: bytes, as: UTF8.self), named: name)
            } catch {
                throw AssetError.invalidTemplate(name: path, reason: String(describing: error))
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil {
            throw AssetError.missing("templates/\(required).mustache")
        }
        return library
    }
}
