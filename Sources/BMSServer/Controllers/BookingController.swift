import BMSCore
import Hummingbird

/// `/api/bookings`: seekers book beds, and the booking's seeker, its property's owner and admins read,
/// decide and cancel it. Who may see or change which booking is the booking service's rule (anyone
/// else gets 404, as if it did not exist); `AccessPolicy` turns away anonymous callers first.
struct BookingController {
    static let path = "/api/bookings"

    let bookings: BookingService
    let payments: PaymentService

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group(RouterPath(Self.path))
        group.post(use: create)
        group.get("/user/:userId", use: listByUser)
        group.get("/property/:propertyId", use: listByProperty)
        group.get("/:id", use: show)
        group.put("/:id", use: decide)
        group.get("/:id/cancellation-quote", use: cancellationQuote)
        group.post("/:id/cancel", use: cancel)
    }

    /// The body of `POST /api/bookings/:id/cancel`, which may be empty.
    struct CancelForm: Decodable, Sendable {
        var reason: String?
    }

    /// A new booking of the calling seeker, pending, its beds held for `BOOKING_HOLD_MINUTES`: 201. The
    /// server prices it; a `totalAmount` that differs is a 409 `price_changed` with the current quote.
    ///
    /// With an `Idempotency-Key` header, a repeat of the same body answers the same 201 and booking (as
    /// it stands now) instead of booking again, so a client may retry after a lost answer; the same key
    /// with another body is a 422 naming `Idempotency-Key`.
    func create(request: Request, context: AppRequestContext) async throws -> APIResponse<BookingEnvelope> {
        let seeker = try context.requireRole(.seeker)
        let keys = request.headers[values: .idempotencyKey]
        guard keys.count <= 1 else { throw APIError.validationFailed(["Idempotency-Key": "is given more than once"]) }
        let form = try await request.decodeJSON(as: BookingForm.self, context: context)
        let booking = try await bookings.create(form, by: seeker, idempotencyKey: keys.first)
        return APIResponse(BookingEnvelope(booking), status: .created)
    }

    /// 404 unless the caller is its seeker, its property's owner or an admin.
    func show(request: Request, context: AppRequestContext) throws -> APIResponse<BookingEnvelope> {
        let viewer = try context.requireUser()
        guard let booking = try bookings.booking(try context.pathID(), viewer: viewer) else { throw APIError.notFound }
        return APIResponse(BookingEnvelope(booking))
    }

    /// A user's bookings, newest first, `?limit=&before=<id>`: a seeker's own, or those of an owner's
    /// properties. The user themself or an admin.
    func listByUser(request: Request, context: AppRequestContext) throws -> APIResponse<BookingList> {
        let user: UserID = try context.pathID("userId")
        let viewer = try context.requireUser()
        let parameters = request.uri.queryParameters
        let limit = try QueryValue.pageLimit(parameters)
        let before = try QueryValue.objectID(parameters, "before").map { BookingID($0) }
        return APIResponse(BookingList(try bookings.bookings(ofUser: user, viewer: viewer, limit: limit, before: before), limit: limit))
    }

    /// A property's bookings by check-in date, `?status=&from=&to=&limit=&after=<id>`: stays with a night
    /// on or after `from` that begin before `to`. Its owner or an admin.
    func listByProperty(request: Request, context: AppRequestContext) throws -> APIResponse<BookingList> {
        let property: PropertyID = try context.pathID("propertyId")
        let viewer = try context.requireUser()
        let parameters = request.uri.queryParameters
        let filter = BookingFilter(
            status: try QueryValue.named(parameters, "status", BookingStatus.self), from: try QueryValue.date(parameters, "from"),
            to: try QueryValue.date(parameters, "to"))
        if let from = filter.from, let to = filter.to, to <= from { throw APIError.validationFailed(["to": "must be after from"]) }
        let limit = try QueryValue.pageLimit(parameters)
        let after = try QueryValue.objectID(parameters, "after").map { BookingID($0) }
        let page = try bookings.bookings(ofProperty: property, viewer: viewer, filter: filter, limit: limit, after: after)
        return APIResponse(BookingList(page, limit: limit))
    }

    /// The owner's answer to a request: `{status: confirmed|rejected, reason}`. Confirming needs the
    /// booking paid; rejecting needs a reason.
    func decide(request: Request, context: AppRequestContext) async throws -> APIResponse<BookingEnvelope> {
        let id: BookingID = try context.pathID()
        let owner = try context.requireUser()
        let decision = try await request.decodeJSON(as: BookingDecision.self, context: context)
        let booking = try await bookings.decide(id, decision, by: owner)
        return APIResponse(BookingEnvelope(await refunds.settle(booking, viewer: owner, logger: context.logger)))
    }

    /// What cancelling now would refund, by the booking's policy, to show before the cancel.
    func cancellationQuote(request: Request, context: AppRequestContext) throws -> APIResponse<RefundEnvelope> {
        let id: BookingID = try context.pathID()
        let quote = try bookings.cancellationQuote(id, by: try context.requireUser())
        return APIResponse(RefundEnvelope(refund: RefundResponse(quote)))
    }

    /// Cancels the booking and frees its beds; answers it with the refund its policy gives. The body
    /// `{reason}` is optional.
    func cancel(request: Request, context: AppRequestContext) async throws -> APIResponse<CancellationResponse> {
        let id: BookingID = try context.pathID()
        let actor = try context.requireUser()
        let form = try await request.decodeJSON(as: CancelForm.self, context: context, ifEmpty: CancelForm())
        let (booking, refund) = try await bookings.cancel(id, reason: form.reason, by: actor)
        let settled = await refunds.settle(booking, viewer: actor, logger: context.logger)
        return APIResponse(CancellationResponse(booking: BookingResponse(settled), refund: RefundResponse(refund)))
    }

    private var refunds: ImmediateRefund { ImmediateRefund(bookings: bookings, payments: payments) }
}
