import BMSCore
import Foundation
import Hummingbird

/// `/owner`: the owner's dashboard (see `OwnerDashboard`), and `POST /owner/connect`, which sends the
/// owner to the payment provider's onboarding page for their payout account ("Connect with Stripe"; the
/// built-in provider's own page in the demo).
struct OwnerDashboardController {
    let listings: ListingService
    let bookings: BookingService
    let payments: PaymentService
    let pages: PageRenderer
    let now: @Sendable () -> Date

    static let ownersOnly = "The dashboard is for owners of listed properties. Sign up as an owner to list yours."

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/owner", use: show)
        router.post("/owner/connect", use: connect)
    }

    func show(request: Request, context: AppRequestContext) throws -> Response {
        guard let owner = try SignedInPage.user(context, [.owner], Self.ownersOnly) else { return SignedInPage.loginRedirect(request, context) }
        var values = try OwnerDashboard(listings: listings, bookings: bookings, payments: payments, now: now()).values(for: owner)
        if request.uri.queryParameters["removed"] != nil { values["notice"] = "The property is taken off the site." }
        return try pages.page("owner-dashboard", title: "Dashboard", session: BrowserSession(request, context), values)
            .response(from: request, context: context)
    }

    /// The onboarding link is made fresh each time: the provider's links expire within minutes.
    func connect(request: Request, context: AppRequestContext) async throws -> Response {
        let owner = try SignedInPage.require([.owner], try context.requireUser(), Self.ownersOnly)
        return Response.redirect(to: try await payments.connectLink(for: owner), type: .normal)
    }
}
