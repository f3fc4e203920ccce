import Hummingbird

/// The registered routes (pattern and methods), taken from the router once all routes are added, to
/// answer "which methods does this path accept?" for 405 responses.
struct RouteTable: Sendable {
    private let patterns: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]

    /// - Parameter routes: `Router.routes`. A route that answers GET answers HEAD too (the router
    ///   generates HEAD endpoints).
    init(_ routes: [Router<AppRequestContext>.RouteDescription]) {
        var byPattern: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            byPattern[route.path.description, default: (route.path, [])].methods.insert(route.method)
            if route.method == .get { byPattern[route.path.description]!.methods.insert(.head) }
        }
        self.patterns = byPattern.values.sorted { $0.path.description < $1.path.description }
    }

    /// The methods some route accepts for `path`, sorted; empty when no route pattern matches it.
    func allowedMethods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let methods = patterns.filter { Self.matches($0.path, segments) }.reduce(into: Set()) { $0.formUnion($1.methods) }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    /// The first pattern matching `path`, for labelling a 405 by its route.
    func pattern(for path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return patterns.first { Self.matches($0.path, segments) }?.path.description
    }

    /// Whether `pattern` matches the path segments, as the router's trie would: literal segments,
    /// `:captures`, `*` wildcards and a trailing `**`.
    private static func matches(_ pattern: RouterPath, _ segments: [Substring]) -> Bool {
        for (index, element) in pattern.components.enumerated() {
            if element == .recursiveWildcard { return segments.count > index }
            guard index < segments.count, element ~= segments[index] else { return false }
        }
        return pattern.components.count == segments.count
    }
}
