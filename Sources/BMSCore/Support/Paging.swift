/// Page sizes for every listing: callers ask for what they like, get at most 100.
enum Paging {
    static let maximumLimit = 100

    static func clamp(_ limit: Int) -> Int { min(max(limit, 0), maximumLimit) }
}
