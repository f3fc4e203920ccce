import Foundation

/// The bits of HTTP content negotiation and conditional requests the asset route needs.
enum HTTPNegotiation {
    /// Whether an `Accept-Encoding` header allows gzip: `gzip` (or `*`) listed without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Bool?
        var wildcard: Bool?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch coding {
            case "gzip", "x-gzip": gzip = quality > 0
            case "*": wildcard = quality > 0
            default: continue
            }
        }
        return gzip ?? wildcard ?? false
    }

    /// Whether `If-None-Match` values match any of `eTags` by weak comparison (RFC 9110 §13.1.2), or are `*`.
    static func noneMatchHits(_ values: [String], eTags: [String]) -> Bool {
        let listed = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if listed.contains("*") { return true }
        let opaque = Set(eTags.map(Self.opaqueTag))
        return listed.contains { opaque.contains(Self.opaqueTag($0)) }
    }

    private static func opaqueTag(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
