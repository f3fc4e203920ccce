import Hummingbird

extension PageRenderer {
    /// A page of the site for the person in `session`: the layout's common values, then `values`.
    func page(
        _ template: String, title: String, session: BrowserSession, _ values: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) throws(AssetError) -> HTMLPage {
        let common = PageValues.common(title: title + " — BookMySleep", session: session)
        var page = try render(template, common.merging(values) { _, own in own })
        page.status = status
        return page
    }
}
