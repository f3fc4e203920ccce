import AsyncHTTPClient
import BMSCore
import Foundation
import Logging

/// The payment provider backed by Stripe's REST API (on when `STRIPE_SECRET_KEY` is set). Payments are
/// destination charges: the booking's owner receives the amount less the platform's application fee.
/// Connect calls (accounts, onboarding links, transfers) are in `StripePaymentProvider+Connect.swift`.
public struct StripePaymentProvider: PaymentProvider {
    public let name = "stripe"
    let api: StripeAPI

    /// - Parameters:
    ///   - configuration: key, API base and retry settings.
    ///   - httpClient: the shared client unless a caller needs its own (it then owns its shutdown).
    ///   - logger: where each call is logged, without the key or any card data.
    public init(
        configuration: StripeConfiguration, httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "bms.payments.stripe")
    ) {
        api = StripeAPI(configuration: configuration, httpClient: httpClient, logger: logger)
    }

    public func createPaymentIntent(_ request: PaymentIntentRequest) async throws(PaymentProviderError) -> PaymentIntent {
        var form = StripeForm()
        form.add("amount", request.amount.minorUnits)
        form.add("currency", request.currency)
        form.add("description", request.description)
        form.addMetadata(request.metadata)
        form.add("automatic_payment_methods[enabled]", true)
        // The fee and the transfer belong to destination charges only; without a destination the platform
        // keeps the whole amount, and Stripe refuses an application fee with nowhere to take it from.
        if let destination = request.destination {
            if let fee = request.applicationFee { form.add("application_fee_amount", fee.minorUnits) }
            form.add("transfer_data[destination]", destination)
        }
        return try await api.post("/v1/payment_intents", form: form, idempotencyKey: request.idempotencyKey)
    }

    public func retrievePaymentIntent(_ id: String) async throws(PaymentProviderError) -> PaymentIntent {
        try await api.get(StripeAPI.path("/v1/payment_intents", id))
    }

    public func confirmPaymentIntent(
        _ id: String, paymentMethod: String, idempotencyKey: String
    ) async throws(PaymentProviderError) -> PaymentIntent {
        var form = StripeForm()
        form.add("payment_method", paymentMethod)
        return try await api.post(StripeAPI.path("/v1/payment_intents", id, "confirm"), form: form, idempotencyKey: idempotencyKey)
    }

    public func createRefund(_ request: RefundRequest) async throws(PaymentProviderError) -> Refund {
        var form = StripeForm()
        form.add("payment_intent", request.paymentIntent)
        form.add("amount", request.amount.minorUnits)
        // Sent only when asked for: Stripe refuses either flag on a charge that has no transfer or fee.
        if request.reverseTransfer { form.add("reverse_transfer", true) }
        if request.refundApplicationFee { form.add("refund_application_fee", true) }
        form.addMetadata(request.metadata)
        return try await api.post("/v1/refunds", form: form, idempotencyKey: request.idempotencyKey)
    }
}
