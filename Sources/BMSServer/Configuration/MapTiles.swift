import Foundation

/// `MAP_TILE_URL`: where the maps' tiles come from, as a Leaflet URL template with `{z}`, `{x}` and `{y}`
/// (and optionally `{s}` as the first label of the host, for servers with lettered subdomains). The
/// pages hand the template to the map script; the Content-Security-Policy lets images load from its
/// origin and no other.
public struct MapTiles: Sendable, Equatable {
    public static let openStreetMap = MapTiles(
        template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", origin: "https://tile.openstreetmap.org",
        attribution: "© OpenStreetMap contributors")

    /// The URL template as Leaflet takes it.
    public let template: String
    /// The CSP source of the tiles (`https://tile.openstreetmap.org`, `https://*.tile.example.com`).
    public let origin: String
    /// The credit shown on the map: the OpenStreetMap notice for its tiles, else the tile server's host.
    public let attribution: String

    /// The placeholders Leaflet fills from the map alone; any other would need options we do not pass.
    static let placeholders = ["{s}", "{z}", "{x}", "{y}", "{r}"]

    /// Parses a `MAP_TILE_URL` value.
    static func parse(_ text: String) -> Result<MapTiles, ValueProblem> {
        let problem = ValueProblem("an http:// or https:// tile URL template with {z}, {x} and {y}, such as \(openStreetMap.template)")
        let template = text.trimmingCharacters(in: .whitespaces)
        guard ["{z}", "{x}", "{y}"].allSatisfy(template.contains) else { return .failure(problem) }
        var sample = template
        for placeholder in placeholders { sample = sample.replacingOccurrences(of: placeholder, with: placeholder == "{s}" ? "a" : "1") }
        guard !sample.contains("{"), !sample.contains("}"), let components = URLComponents(string: sample),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host?.lowercased(), !host.isEmpty, components.user == nil
        else { return .failure(problem) }
        let authority = template.dropFirst(scheme.count + 3).prefix { $0 != "/" && $0 != "?" }
        // CSP allows a wildcard only as the host's first label, so that is the only place for {s}.
        if authority.contains("{s}"), !authority.hasPrefix("{s}.") || authority.dropFirst(4).contains("{") { return .failure(problem) }
        if template.contains("{s}"), !authority.contains("{s}") { return .failure(problem) }
        let origin = scheme + "://" + authority.replacingOccurrences(of: "{s}", with: "*").lowercased()
        let attribution = host == "openstreetmap.org" || host.hasSuffix(".openstreetmap.org") ? openStreetMap.attribution : "Map tiles: \(host)"
        return .success(MapTiles(template: template, origin: origin, attribution: attribution))
    }
}
