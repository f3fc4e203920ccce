/// The Content-Security-Policy of the site: only our own scripts and styles (so no inline script can
/// run), images from us and the map's tile server, and nothing framed. One page widens it: the Stripe
/// checkout, which must load Stripe.js and its frames.
struct ContentSecurityPolicy: Sendable {
    /// Directive names with their sources, in the order they are sent.
    private(set) var directives: [(name: String, sources: [String])]

    /// - Parameter tileOrigin: the map tiles' origin (`MapTiles.origin`), the one image source beyond ours.
    init(tileOrigin: String) {
        directives = [
            ("default-src", ["'self'"]), ("script-src", ["'self'"]), ("style-src", ["'self'"]),
            ("img-src", ["'self'", "data:", tileOrigin]), ("connect-src", ["'self'"]), ("frame-ancestors", ["'none'"]),
            ("base-uri", ["'self'"]), ("form-action", ["'self'"]),
        ]
    }

    /// What Stripe documents for the Payment Element: its script, the API it calls, and its frames
    /// (the element itself and 3-D Secure).
    var withStripe: ContentSecurityPolicy {
        var policy = self
        policy.add(["https://js.stripe.com"], to: "script-src")
        policy.add(["https://api.stripe.com"], to: "connect-src")
        policy.add(["https://js.stripe.com", "https://hooks.stripe.com"], to: "frame-src")
        policy.add(["https://*.stripe.com"], to: "img-src")
        return policy
    }

    var header: String { directives.map { ([$0.name] + $0.sources).joined(separator: " ") }.joined(separator: "; ") }

    private mutating func add(_ sources: [String], to name: String) {
        if let index = directives.firstIndex(where: { $0.name == name }) {
            directives[index].sources += sources
        } else {
            directives.append((name, sources))
        }
    }
}
