import BMSCore
import BMSPayments
import Foundation
import Hummingbird

/// `/api/payments`: a seeker pays for a booking (an intent per booking, confirmed on the provider's
/// checkout or with Stripe.js), admins refund, owners connect their payout account and read their
/// payouts and revenue, and the provider reports outcomes to the webhook. The webhook is public: the
/// provider signs its calls, and a call whose signature does not verify is refused before anything
/// changes.
struct PaymentController {
    static let path = "/api/payments"

    let payments: PaymentService
    let webhook: WebhookReceiver
    /// The built-in provider's checkout page address for an intent; nil with Stripe.
    let checkoutURL: @Sendable (PaymentCheckout) -> String?
    let publishableKey: String?

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group(RouterPath(Self.path))
        group.post("/create-intent", use: createIntent)
        group.post("/confirm", use: confirm)
        group.post("/refund", use: refund)
        group.get("/connect-link", use: connectLink)
        group.get("/payouts", use: payouts)
        group.get("/summary", use: summary)
        group.get("/booking/:bookingId", use: show)
        group.post("/webhook", use: receive)
    }

    struct IntentForm: Decodable, Sendable {
        var bookingId: String?
    }

    struct ConfirmForm: Decodable, Sendable {
        var intentId: String?
        /// A test payment method ("pm_card_visa") or, with the demo provider, a test card number; without
        /// it the intent is read as the provider has it (a client back from Stripe.js).
        var paymentMethod: String?
    }

    struct RefundForm: Decodable, Sendable {
        var bookingId: String?
        /// Minor units; all that remains paid when absent.
        var amount: Int64?
        var reason: String?
    }

    /// The booking's intent for its seeker: 201 the first time, 200 with the same intent after that.
    func createIntent(request: Request, context: AppRequestContext) async throws -> APIResponse<CheckoutResponse> {
        let seeker = try context.requireRole(.seeker)
        let key = try Self.idempotencyKey(request)
        let form = try await request.decodeJSON(as: IntentForm.self, context: context)
        let booking: BookingID = try Required.id(form.bookingId, "bookingId")
        let existed = try payments.payment(of: booking, by: seeker) != nil
        let checkout = try await payments.startCheckout(for: booking, by: seeker, idempotencyKey: key)
        return APIResponse(
            CheckoutResponse(checkout, checkoutURL: checkoutURL(checkout), publishableKey: publishableKey), status: existed ? .ok : .created)
    }

    /// Confirms with a payment method, or reads the intent's outcome; answers the booking's payment. A
    /// declined card is a 402 `card_declined` with the provider's message.
    func confirm(request: Request, context: AppRequestContext) async throws -> APIResponse<PaymentEnvelope> {
        let user = try context.requireUser()
        let key = try Self.idempotencyKey(request)
        let form = try await request.decodeJSON(as: ConfirmForm.self, context: context)
        guard let intent = form.intentId?.trimmingCharacters(in: .whitespaces), !intent.isEmpty, intent.count <= 255 else {
            throw APIError.validationFailed(["intentId": "is required"])
        }
        let payment = try await payments.confirm(intentID: intent, paymentMethod: form.paymentMethod, by: user, idempotencyKey: key)
        return APIResponse(PaymentEnvelope(payment: PaymentResponse(payment)))
    }

    /// An admin's refund of part or all of what remains paid. Seekers and owners cancel instead: the
    /// booking's policy decides their refund.
    func refund(request: Request, context: AppRequestContext) async throws -> APIResponse<PaymentEnvelope> {
        let user = try context.requireUser()
        guard user.role == .admin else {
            throw APIError(.forbidden, code: "forbidden", message: "Only admins refund directly. Cancel the booking to get its refund by its policy.")
        }
        let key = try Self.idempotencyKey(request)
        let form = try await request.decodeJSON(as: RefundForm.self, context: context)
        let booking: BookingID = try Required.id(form.bookingId, "bookingId")
        let payment = try await payments.refund(
            booking, amount: form.amount.map(Money.init(minorUnits:)), reason: form.reason, by: user, idempotencyKey: key)
        return APIResponse(PaymentEnvelope(payment: PaymentResponse(payment)))
    }

    /// The owner's onboarding address at the provider (the owner's payout account is made on first use).
    func connectLink(request: Request, context: AppRequestContext) async throws -> APIResponse<ConnectLinkResponse> {
        let owner = try context.requireRole(.owner)
        return APIResponse(ConnectLinkResponse(url: try await payments.connectLink(for: owner)))
    }

    /// `?ownerId=` (the caller's own when absent; any owner's for an admin) `&limit=`: payouts, newest first.
    func payouts(request: Request, context: AppRequestContext) throws -> APIResponse<PayoutList> {
        let user = try context.requireUser()
        let parameters = request.uri.queryParameters
        let owner = try QueryValue.objectID(parameters, "ownerId").map(UserID.init) ?? user.id
        return APIResponse(PayoutList(try payments.payouts(of: owner, by: user, limit: try QueryValue.pageLimit(parameters))))
    }

    /// `?ownerId=`: the owner's revenue; an admin without `ownerId` gets the platform's.
    func summary(request: Request, context: AppRequestContext) throws -> APIResponse<SummaryResponse> {
        let user = try context.requireUser()
        let owner = try QueryValue.objectID(request.uri.queryParameters, "ownerId").map(UserID.init)
        let summary = try payments.summary(of: owner, by: user)
        return APIResponse(SummaryResponse(summary, owner: user.role == .admin ? owner : user.id))
    }

    /// A booking's payment, for its seeker, its owner or an admin.
    func show(request: Request, context: AppRequestContext) throws -> APIResponse<PaymentEnvelope> {
        let user = try context.requireUser()
        guard let payment = try payments.payment(of: try context.pathID("bookingId"), by: user) else { throw APIError.notFound }
        return APIResponse(PaymentEnvelope(payment: PaymentResponse(payment)))
    }

    struct Received: Encodable, Sendable {
        let received = true
        let eventId: String
        let type: String
    }

    /// The provider's event, signed: 200 once acted on (or known already, or of a type not used here).
    func receive(request: Request, context: AppRequestContext) async throws -> APIResponse<Received> {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let event = try await webhook.receive(
            payload: Array(body.readableBytesView), signatureHeader: request.headers[.stripeSignature])
        return APIResponse(Received(eventId: event.id, type: event.type))
    }

    /// The `Idempotency-Key` header, if given once.
    static func idempotencyKey(_ request: Request) throws -> String? {
        let keys = request.headers[values: .idempotencyKey]
        guard keys.count <= 1 else { throw APIError.validationFailed(["Idempotency-Key": "is given more than once"]) }
        return keys.first
    }
}
