import BMSCore
import BMSPayments
import Foundation
import Hummingbird

/// The built-in provider's hosted pages, standing in for Stripe's: the checkout page of a payment intent
/// (`/pay/:intentId?secret=<client secret>`, test cards only) and the Connect onboarding page of an
/// owner's account (`/pay/connect/:accountId`, from the account link). They act for the provider, not
/// for a logged-in user of ours: the checkout's client secret and the onboarding link are the proof, as
/// on Stripe's own pages, so no session or CSRF token is read here (see `AuthenticationMiddleware`).
/// The onboarding return page (`/payments/connect/return`) reads the account's state back from the
/// provider.
struct DemoPaymentPages {
    static let pathPrefix = "/pay/"

    /// The checkout page of an intent: its client secret in the query is the payer's proof.
    static func checkoutPath(_ checkout: PaymentCheckout) -> String {
        "/pay/\(checkout.intentID)?secret=\(checkout.clientSecret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }

    let provider: DemoPaymentProvider
    let payments: PaymentService
    let pages: PageRenderer
    let siteURL: String

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/pay/connect/:accountId", use: onboarding)
        router.post("/pay/connect/:accountId", use: completeOnboarding)
        router.get("/pay/:intentId", use: checkout)
        router.post("/pay/:intentId", use: pay)
        router.get("/payments/connect/return", use: connectReturn)
        router.get("/payments/connect/refresh", use: connectRefresh)
    }

    struct PayForm: Decodable {
        var secret: String?
        var card: String?
    }

    func checkout(request: Request, context: AppRequestContext) throws -> HTMLPage {
        let intentID = try context.parameters.require("intentId")
        let secret = request.uri.queryParameters["secret"].map(String.init) ?? ""
        return try checkoutPage(intentID, secret: secret, error: nil, card: "")
    }

    /// Pays with the card typed in. A declined card shows the provider's message with the form again
    /// (402); a payment redirects to the page of the paid checkout, so a reload pays nothing twice.
    func pay(request: Request, context: AppRequestContext) async throws -> Response {
        let intentID = try context.parameters.require("intentId")
        let form = try await URLEncodedFormDecoder().decode(PayForm.self, from: request, context: context)
        let secret = form.secret ?? ""
        let card = form.card ?? ""
        do {
            _ = try await provider.pay(intentID, clientSecret: secret, card: card)
        } catch .cardDeclined(_, let message) {
            var page = try checkoutPage(intentID, secret: secret, error: message, card: card)
            page.status = .paymentRequired
            return page.response(from: request, context: context)
        } catch .notFound {
            throw Self.notFound("This checkout link is not valid. Start the payment again from your booking.")
        } catch {
            var page = try checkoutPage(intentID, secret: secret, error: "The payment could not be taken: \(error). Try again.", card: card)
            page.status = .badGateway
            return page.response(from: request, context: context)
        }
        let query = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Response(status: .seeOther, headers: [.location: "/pay/\(intentID)?secret=\(query)"])
    }

    private func checkoutPage(_ intentID: String, secret: String, error: String?, card: String) throws -> HTMLPage {
        let checkout: DemoPaymentProvider.Checkout
        do {
            checkout = try provider.checkout(intentID, clientSecret: secret)
        } catch {
            throw Self.notFound("This checkout link is not valid. Start the payment again from your booking.")
        }
        var values = PageValues.common(title: "Pay \(RupeeText.format(Money(minorUnits: checkout.intent.amount))) — BookMySleep demo checkout")
        values["intentId"] = intentID
        values["secret"] = secret
        values["description"] = checkout.description
        values["amount"] = RupeeText.format(Money(minorUnits: checkout.intent.amount))
        values["paid"] = checkout.intent.status == .succeeded
        values["bookingId"] = checkout.intent.metadata["bookingId"]
        values["error"] = error
        values["card"] = card
        return try pages.render("demo-checkout", values)
    }

    func onboarding(request: Request, context: AppRequestContext) throws -> HTMLPage {
        let accountID = try context.parameters.require("accountId")
        guard let account = try? provider.onboarding(accountID) else {
            throw Self.notFound("This onboarding link is not valid. Ask for a new one from your dashboard.")
        }
        var values = PageValues.common(title: "Set up payouts — BookMySleep demo onboarding")
        values["accountId"] = account.id
        values["email"] = account.email ?? ""
        values["done"] = account.payoutsEnabled
        return try pages.render("demo-onboarding", values)
    }

    /// The owner finished the (demo) onboarding form: back to where the account link said, which is
    /// always this site's return page.
    func completeOnboarding(request: Request, context: AppRequestContext) async throws -> Response {
        let accountID = try context.parameters.require("accountId")
        let returnURL: String?
        do {
            returnURL = try await provider.completeOnboarding(accountID)
        } catch {
            guard case .notFound = error else { throw error }
            throw Self.notFound("This onboarding link is not valid. Ask for a new one from your dashboard.")
        }
        let target = returnURL.flatMap { $0.hasPrefix(siteURL + "/") ? String($0.dropFirst(siteURL.count)) : nil } ?? "/"
        return Response(status: .seeOther, headers: [.location: target])
    }

    /// Where onboarding returns: the account's state as the provider has it now.
    func connectReturn(request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let accountID = request.uri.queryParameters["account"].map(String.init) ?? ""
        var values = PageValues.common(title: "Payouts — BookMySleep")
        guard !accountID.isEmpty, let state = try await payments.refreshAccount(accountID) else {
            throw Self.notFound("We do not know this payout account. Start connecting again from your dashboard.")
        }
        values["connected"] = state.connected
        values["accountId"] = accountID
        return try pages.render("connect-return", values)
    }

    func connectRefresh(request: Request, context: AppRequestContext) throws -> HTMLPage {
        var values = PageValues.common(title: "Payouts — BookMySleep")
        values["expired"] = true
        return try pages.render("connect-return", values)
    }

    /// A 404 page (rendered by the error middleware) saying what to do instead.
    private static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not_found", message: message) }
}
