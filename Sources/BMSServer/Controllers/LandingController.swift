import Hummingbird

/// `/`: the landing page, which says what BookMySleep is and what this release can do.
struct LandingController {
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: landing)
    }

    func landing(request: Request, context: AppRequestContext) throws -> HTMLPage {
        try pages.render("landing", PageValues.common(title: "BookMySleep — beds in paying-guest homes"))
    }
}
