/// Where the next page of an id-anchored list starts.
enum PageCursor {
    /// The last id of a page read with `limit` when the page is full (there may be more), else nil.
    static func next<Item>(_ page: [Item], limit: Int, id: (Item) -> String) -> String? {
        page.count == limit ? page.last.map(id) : nil
    }
}
