import BMSCore
import Foundation

// Stripe Connect: owners' Express accounts, their onboarding links, and transfers of held shares.
extension StripePaymentProvider {
    public func createConnectedAccount(_ request: ConnectedAccountRequest) async throws(PaymentProviderError) -> ConnectedAccount {
        var form = StripeForm()
        form.add("type", "express")
        form.add("country", request.country)
        form.add("email", request.email)
        form.add("capabilities[card_payments][requested]", true)
        form.add("capabilities[transfers][requested]", true)
        form.addMetadata(request.metadata)
        return try await api.post("/v1/accounts", form: form, idempotencyKey: request.idempotencyKey)
    }

    public func retrieveAccount(_ id: String) async throws(PaymentProviderError) -> ConnectedAccount {
        try await api.get(StripeAPI.path("/v1/accounts", id))
    }

    public func createAccountLink(_ request: AccountLinkRequest) async throws(PaymentProviderError) -> AccountLink {
        var form = StripeForm()
        form.add("account", request.account)
        form.add("refresh_url", request.refreshURL)
        form.add("return_url", request.returnURL)
        form.add("type", "account_onboarding")
        // A fresh key per call: the key only has to make this call's own retries return one link. A
        // repeated call is an owner asking again (often after the first link expired) and must get a new
        // link, which a key derived from the request would refuse by replaying the old one.
        return try await api.post("/v1/account_links", form: form, idempotencyKey: UUID().uuidString)
    }

    public func createTransfer(_ request: TransferRequest) async throws(PaymentProviderError) -> Transfer {
        var form = StripeForm()
        form.add("amount", request.amount.minorUnits)
        form.add("currency", request.currency)
        form.add("destination", request.destination)
        form.add("source_transaction", request.sourceTransaction)
        form.addMetadata(request.metadata)
        return try await api.post("/v1/transfers", form: form, idempotencyKey: request.idempotencyKey)
    }
}
