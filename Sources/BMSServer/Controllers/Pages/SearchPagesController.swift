import BMSCore
import Hummingbird

/// `/` and `/search`: the home page with the search form and the best-rated places, and the results
/// of a search rendered on the server (no JavaScript needed). A search the API would refuse shows the
/// form again with each problem next to its field.
struct SearchPagesController {
    /// How many places the home page features.
    static let featuredCount = 6

    let listings: ListingService
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/search", use: results)
    }

    func home(request: Request, context: AppRequestContext) throws -> HTMLPage {
        var featured = SearchQuery()
        featured.sort = .rating
        featured.limit = Self.featuredCount
        let hits = try listings.search(featured).hits
        var values = SearchForm(query: nil).templateValues
        values["featured"] = hits.map { ResultCard.values($0, stay: nil) }
        values["hasFeatured"] = !hits.isEmpty
        return try pages.page("home", title: "Beds in paying-guest homes", session: BrowserSession(request, context), values)
    }

    func results(request: Request, context: AppRequestContext) throws -> HTMLPage {
        let form = SearchForm(query: request.uri.query)
        let session = BrowserSession(request, context)
        var values = form.templateValues
        switch try form.query() {
        case .failure(let problems):
            values.merge(FormState(errors: problems.fields).templateValues) { _, new in new }
            return try pages.page("search", title: "Search", session: session, values, status: .unprocessableContent)
        case .success(let query):
            let page = try listings.search(query)
            values["results"] = page.hits.map { ResultCard.values($0, stay: query.stay.map { ($0.from, $0.to) }) }
            values["total"] = page.total
            values["totalText"] = Self.totalText(page.total, isExact: page.totalIsExact)
            values["hasResults"] = !page.hits.isEmpty
            if let next = page.nextCursor { values["nextHref"] = "/search?" + form.link(cursor: next.text) }
            if form.cursor != nil { values["firstHref"] = "/search?" + form.link(cursor: nil) }
            values["heading"] = Self.heading(form)
            return try pages.page("search", title: Self.heading(form), session: session, values)
        }
    }

    /// "1 place", "37 places", or "100+ places" when the search stopped counting.
    static func totalText(_ total: Int, isExact: Bool) -> String {
        guard isExact else { return "\(total)+ places" }
        return total == 1 ? "1 place" : "\(total) places"
    }

    /// "Places in Pune", or "All places".
    private static func heading(_ form: SearchForm) -> String {
        if let city = form.values["city"] { return "Places in \(city)" }
        return form.isEmpty ? "All places" : "Search results"
    }
}
