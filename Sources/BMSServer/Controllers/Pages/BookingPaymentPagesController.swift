import BMSCore
import BMSPayments
import Foundation
import Hummingbird

/// What a booking's page leads to: paying (`POST /bookings/:id/pay`: the built-in provider's checkout
/// page, or with Stripe our checkout page with Stripe's Payment Element) and cancelling
/// (`/bookings/:id/cancel`: the refund the policy gives now, then the cancel, with the refund paid back
/// at once).
struct BookingPaymentPagesController {
    let bookings: BookingService
    let payments: PaymentService
    let listings: ListingService
    /// Nil with Stripe, whose checkout is Stripe.js on our own page.
    let demoPayments: DemoPaymentProvider?
    /// With Stripe, `STRIPE_PUBLISHABLE_KEY`: what Stripe.js needs in the browser; nil when it is not set.
    let stripePublishableKey: String?
    /// The site's policy, which the Stripe checkout page alone widens for Stripe.js.
    let contentSecurityPolicy: ContentSecurityPolicy
    let pages: PageRenderer
    let now: @Sendable () -> Date

    /// The Stripe checkout page may offer wallets (the Payment Request API) inside Stripe's frame.
    static let stripePermissionsPolicy = SecurityHeadersMiddleware.permissionsPolicy.replacingOccurrences(
        of: "payment=()", with: #"payment=(self "https://js.stripe.com")"#)

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/bookings/:id/pay", use: pay)
        router.get("/bookings/:id/cancel", use: cancelForm)
        router.post("/bookings/:id/cancel", use: cancel)
    }

    /// Starts (or resumes) the booking's payment: the browser goes on to the demo checkout page, or gets
    /// the Stripe checkout page. With Stripe but no publishable key this says so (501) instead of
    /// creating an intent no page can pay.
    func pay(request: Request, context: AppRequestContext) async throws -> Response {
        let seeker = try context.requireUser()
        let id: BookingID = try context.pathID()
        let session = BrowserSession(request, context)
        if demoPayments != nil {
            let checkout = try await payments.startCheckout(for: id, by: seeker)
            return Response.redirect(to: DemoPaymentPages.checkoutPath(checkout), type: .normal)
        }
        guard let stripePublishableKey else {
            let values = ["bookingHref": "/bookings/\(id)", "apiHref": "/api/openapi.json"]
            return try pages.page(
                "pay-later", title: "Paying with Stripe needs STRIPE_PUBLISHABLE_KEY", session: session, values, status: .notImplemented
            ).response(from: request, context: context)
        }
        let checkout = try await payments.startCheckout(for: id, by: seeker)
        let values: [String: Any] = [
            "publishableKey": stripePublishableKey, "clientSecret": checkout.clientSecret, "amount": RupeeText.format(checkout.amount),
            "bookingHref": "/bookings/\(id)",
        ]
        var response = try pages.page("stripe-checkout", title: "Pay for your booking", session: session, values)
            .response(from: request, context: context)
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy.withStripe.header
        response.headers[.permissionsPolicy] = Self.stripePermissionsPolicy
        return response
    }

    func cancelForm(request: Request, context: AppRequestContext) throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        return try render(try context.pathID(), user, FormState(values: ["reason": ""]), request, context)
            .response(from: request, context: context)
    }

    /// Cancels with the optional `reason` and refunds what the policy gives at once.
    func cancel(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id: BookingID = try context.pathID()
        let fields = try await FormFields.read(request, context)
        let state = FormState(echoing: ["reason"], from: fields)
        do {
            let (booking, _) = try await bookings.cancel(id, reason: fields.text("reason"), by: user)
            _ = await ImmediateRefund(bookings: bookings, payments: payments).settle(booking, viewer: user, logger: context.logger)
            return Response.redirect(to: "/bookings/\(id)?cancelled=1", type: .normal)
        } catch {
            let (refused, status) = try FormState.refusal(error, keeping: state.values, requestID: context.requestID)
            return try render(id, user, refused, request, context).response(status: status, request, context)
        }
    }

    /// The cancel page: the booking, the refund cancelling now gives, and the form. A booking that can no
    /// longer be cancelled gets the designed error page saying why.
    private func render(_ id: BookingID, _ user: User, _ state: FormState, _ request: Request, _ context: AppRequestContext) throws -> HTMLPage {
        guard let booking = try bookings.booking(id, viewer: user) else { throw APIError.notFound }
        let quote = try bookings.cancellationQuote(id, by: user)
        var values: [String: Any] = [
            "booking": try BookingSummary(booking, listings: listings, viewer: user).values(now: now()),
            "refund": RupeeText.format(quote.refund), "paid": RupeeText.format(quote.paid), "byOwner": quote.byOwner,
            "nothingPaid": quote.paid == .zero,
        ]
        values["keeps"] = RupeeText.format(Money(minorUnits: quote.paid.minorUnits - quote.refund.minorUnits))
        return try pages.page(
            "cancel-booking", title: "Cancel booking", session: BrowserSession(request, context), values.merging(state.templateValues) { $1 })
    }
}
