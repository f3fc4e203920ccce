import BMSCore
import Foundation
import Hummingbird

/// `/bookings` and `/bookings/:id` for logged-in people: a seeker's own bookings, or an owner's of their
/// properties, newest first; and one booking with its money, history and what can be done next (pay,
/// cancel, or for the owner of an approval-required property confirm or reject). Who may see which
/// booking is the booking service's rule; anyone else gets the designed 404.
struct MyBookingsPagesController {
    static let pageSize = 20

    let bookings: BookingService
    let payments: PaymentService
    let listings: ListingService
    let pages: PageRenderer
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/bookings", use: list)
        router.get("/bookings/:id", use: show)
        router.post("/bookings/:id/decision", use: decide)
    }

    /// `?before=<id>` pages on, as the API does.
    func list(request: Request, context: AppRequestContext) throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let before = try QueryValue.objectID(request.uri.queryParameters, "before").map { BookingID($0) }
        let page = try bookings.bookings(ofUser: user.id, viewer: user, limit: Self.pageSize, before: before)
        let now = self.now()
        var values: [String: Any] = [
            "bookings": try page.map { try BookingSummary($0, listings: listings, viewer: user).values(now: now) },
            "hasBookings": !page.isEmpty, "isOwner": user.role == .owner,
        ]
        if page.count == Self.pageSize, let last = page.last { values["nextHref"] = "/bookings?before=\(last.id)" }
        return try pages.page("bookings", title: "My bookings", session: BrowserSession(request, context), values)
            .response(from: request, context: context)
    }

    func show(request: Request, context: AppRequestContext) throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let booking = try visible(context, user)
        var values: [String: Any] = [:]
        let query = request.uri.queryParameters
        if query["booked"] != nil { values["notice"] = "Your beds are held for you. Pay before the hold ends to keep them." }
        if query["cancelled"] != nil { values["notice"] = "The booking is cancelled." }
        if query["decided"] != nil { values["notice"] = "Your answer is saved and the seeker is told." }
        return try render(booking, user, FormState(), values, request, context).response(from: request, context: context)
    }

    /// The owner's answer (`decision` confirmed or rejected, `reason`); a paid, rejected booking is
    /// refunded at once.
    func decide(request: Request, context: AppRequestContext) async throws -> Response {
        let owner = try context.requireUser()
        let booking = try visible(context, owner)
        let fields = try await FormFields.read(request, context)
        let state = FormState(echoing: ["decision", "reason"], from: fields)
        do {
            let decided = try await bookings.decide(
                booking.id, BookingDecision(status: fields.text("decision"), reason: fields.text("reason")), by: owner)
            _ = await ImmediateRefund(bookings: bookings, payments: payments).settle(decided, viewer: owner, logger: context.logger)
            return Response.redirect(to: "/bookings/\(booking.id)?decided=1", type: .normal)
        } catch {
            let (refused, status) = try FormState.refusal(error, keeping: state.values, requestID: context.requestID)
            return try render(booking, owner, refused, [:], request, context).response(status: status, request, context)
        }
    }

    private func visible(_ context: AppRequestContext, _ user: User) throws -> Booking {
        guard let booking = try bookings.booking(try context.pathID(), viewer: user) else { throw APIError.notFound }
        return booking
    }

    private func render(
        _ booking: Booking, _ user: User, _ state: FormState, _ extra: [String: Any], _ request: Request, _ context: AppRequestContext
    ) throws -> HTMLPage {
        let summary = try BookingSummary(booking, listings: listings, viewer: user)
        let now = self.now()
        var values = summary.values(now: now).merging(extra) { $1 }
        let isSeeker = user.id == booking.seekerID
        values["isSeeker"] = isSeeker
        if !isSeeker { values.removeValue(forKey: "payable") }
        if booking.status.successors.contains(.cancelled), booking.checkOut > CalendarDate(now, inZone: booking.timeZone) {
            values["cancelHref"] = "/bookings/\(booking.id)/cancel"
        }
        if booking.paymentStatus == .failed, isSeeker, let payment = try payments.payment(of: booking.id, by: user) {
            values["failureMessage"] = payment.failureMessage ?? "The card was not accepted."
        }
        if user.id == booking.ownerID, booking.status == .pending, !booking.instantBook {
            values["decision"] = ["canConfirm": booking.paymentStatus == .paid]
        }
        return try pages.page(
            "booking", title: "Booking \(booking.id)", session: BrowserSession(request, context), values.merging(state.templateValues) { $1 })
    }
}
