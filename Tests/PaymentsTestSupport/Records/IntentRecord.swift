import BMSCore

/// A payment intent as the fake keeps it: the provider object events carry, plus what Stripe's full
/// answer shows besides.
struct IntentRecord: Sendable {
    var intent: PaymentIntent
    var description: String?
    var automaticPaymentMethods: Bool
    /// The method of the last confirmation, with its card.
    var paymentMethod: (id: String, card: TestCard)?

    /// The answer in the shape of Stripe's `payment_intent` fixture.
    var json: JSONValue {
        [
            "id": .string(intent.id), "object": "payment_intent", "amount": .int(intent.amount), "amount_capturable": 0,
            "amount_details": ["tip": [:]], "amount_received": .int(intent.status == .succeeded ? intent.amount : 0),
            "application": nil, "application_fee_amount": .nullable(intent.applicationFeeAmount),
            "automatic_payment_methods": automaticPaymentMethods ? ["enabled": true, "allow_redirects": "always"] : nil,
            "canceled_at": nil, "cancellation_reason": nil, "capture_method": "automatic_async",
            "client_secret": .nullable(intent.clientSecret), "confirmation_method": "automatic", "created": .int(intent.created),
            "currency": .string(intent.currency), "customer": nil, "description": .nullable(description), "invoice": nil,
            "last_payment_error": lastPaymentErrorJSON, "latest_charge": .nullable(intent.latestCharge), "livemode": false,
            "metadata": .strings(intent.metadata), "next_action": nil, "on_behalf_of": nil,
            "payment_method": .nullable(paymentMethod?.id), "payment_method_configuration_details": nil, "payment_method_options": [:],
            "payment_method_types": ["card"], "processing": nil, "receipt_email": nil, "review": nil, "setup_future_usage": nil,
            "shipping": nil, "source": nil, "statement_descriptor": nil, "statement_descriptor_suffix": nil,
            "status": .string(intent.status.rawValue),
            "transfer_data": intent.transferData.map { ["destination": .string($0.destination)] } ?? .null, "transfer_group": nil,
        ]
    }

    private var lastPaymentErrorJSON: JSONValue {
        guard let error = intent.lastPaymentError, let paymentMethod else { return nil }
        return cardError(error, paymentMethod: paymentMethod).errorObject
    }

    /// The 402 answer of a declined confirmation; `last_payment_error` is the same object.
    func cardError(_ error: PaymentIntent.LastError, paymentMethod: (id: String, card: TestCard)) -> StripeRefusal {
        StripeRefusal(
            status: 402, type: "card_error", code: error.code, message: error.message ?? "Your card was declined.", param: nil,
            extra: [
                "decline_code": .nullable(error.declineCode), "charge": .nullable(intent.latestCharge),
                "payment_method": paymentMethod.card.paymentMethodJSON(id: paymentMethod.id),
            ]
        )
    }
}
