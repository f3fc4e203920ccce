import BMSCore
import Hummingbird

/// `/api/payments`: reserved for the payments release. Every route exists, so that clients and the API
/// description can rely on its address, and answers 501 `not_implemented` saying what is missing. The
/// provider's webhook is public (the provider signs its calls); the other routes act for a user and
/// need a login first, as `PUT /api/users/:id/stripe` does.
struct PaymentController {
    static let path = "/api/payments"

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group(RouterPath(Self.path))
        group.post("/create-intent", use: reserved("taking payment for a booking (payment intents)"))
        group.post("/confirm", use: reserved("confirming a payment"))
        group.post("/refund", use: reserved("refunds"))
        group.get("/connect-link", use: reserved("connecting an owner's payout account (Stripe Connect onboarding)"))
        group.get("/payouts", use: reserved("listing an owner's payouts"))
        group.get("/summary", use: reserved("the payments summary"))
        group.post("/webhook", use: webhook)
    }

    /// A handler that turns away anonymous callers, then answers 501 about `feature`.
    private func reserved(_ feature: String) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        { _, context in
            _ = try context.requireUser()
            throw Self.notBuilt(feature)
        }
    }

    func webhook(request: Request, context: AppRequestContext) throws -> Response {
        throw Self.notBuilt("the payment provider's webhook")
    }

    /// 501: what is missing, and that this address is reserved for it.
    static func notBuilt(_ feature: String) -> APIError {
        APIError(
            .notImplemented, code: "not_implemented",
            message: "payments are not built yet: \(feature) arrives with the payments release; this address is reserved for it.")
    }
}
