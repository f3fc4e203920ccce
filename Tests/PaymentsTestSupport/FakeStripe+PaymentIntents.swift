import BMSCore

// Payment intents: created for a booking, confirmed with one of Stripe's test cards.
extension FakeStripe {
    func intent(_ id: String, param: String, inURL: Bool = false) throws(StripeRefusal) -> IntentRecord {
        guard let record = intents[id] else { throw .noSuch("payment_intent", id, param: param, inURL: inURL) }
        return record
    }

    func createPaymentIntent(_ parameters: FormParameters) throws(StripeRefusal) -> Handled {
        try parameters.check(
            required: ["amount", "currency"],
            allowed: [
                "description", "automatic_payment_methods[enabled]", "application_fee_amount", "transfer_data[destination]",
                "receipt_email", "statement_descriptor", "transfer_group",
            ]
        )
        let amount = try parameters.amount("amount")!
        let fee = try parameters.integer("application_fee_amount")
        let destination = parameters["transfer_data[destination]"]
        if let destination { try requireTransfersCapability(destination, param: "transfer_data[destination]") }
        if let fee {
            guard destination != nil else {
                throw .invalid(
                    "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key "
                        + "or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
                    param: "application_fee_amount")
            }
            guard (0...amount).contains(fee) else {
                throw .invalid("The application fee must be between 0 and the amount of the payment.", param: "application_fee_amount")
            }
        }
        let id = StripeID.make("pi")
        let intent = PaymentIntent(
            id: id, amount: amount, currency: parameters["currency"]!.lowercased(), status: .requiresPaymentMethod,
            clientSecret: "\(id)_secret_\(StripeID.random(25))", latestCharge: nil, applicationFeeAmount: fee,
            transferData: destination.map(PaymentIntent.TransferData.init(destination:)), metadata: parameters.metadata, lastPaymentError: nil,
            created: StripeID.now)
        let record = IntentRecord(
            intent: intent, description: parameters["description"],
            automaticPaymentMethods: try parameters.bool("automatic_payment_methods[enabled]") ?? false)
        intents[id] = record
        return Handled(body: record.json)
    }

    /// Charges the intent with the test card: it succeeds, or it is declined (402) and waits for another
    /// method. Either way a charge is made and an event sent.
    func confirmPaymentIntent(_ id: String, _ parameters: FormParameters) throws(StripeRefusal) -> Handled {
        var record = try intent(id, param: "intent", inURL: true)
        try parameters.check(required: ["payment_method"], allowed: ["return_url"])
        guard record.intent.status == .requiresPaymentMethod || record.intent.status == .requiresConfirmation else {
            throw .invalid(
                "You cannot confirm this PaymentIntent because it has a status of \(record.intent.status.rawValue).",
                code: "payment_intent_unexpected_state")
        }
        let method = parameters["payment_method"]!
        guard let card = TestCard.named(method) else { throw .noSuch("PaymentMethod", method, param: "payment_method") }
        let paymentMethod = (id: method.hasPrefix("pm_") ? method : StripeID.make("pm"), card: card)
        let charge = makeCharge(for: record.intent, paid: card.decline == nil)
        record.paymentMethod = paymentMethod
        record.intent.latestCharge = charge.id
        guard let decline = card.decline else {
            record.intent.status = .succeeded
            record.intent.lastPaymentError = nil
            intents[id] = record
            return Handled(body: record.json, events: [event("payment_intent.succeeded", .paymentIntent(record.intent))])
        }
        let error = PaymentIntent.LastError(code: "card_declined", declineCode: decline.declineCode, message: decline.message)
        record.intent.status = .requiresPaymentMethod
        record.intent.lastPaymentError = error
        intents[id] = record
        var refusal = record.cardError(error, paymentMethod: paymentMethod)
        refusal.extra["payment_intent"] = record.json
        return Handled(
            status: refusal.status, body: refusal.body, events: [event("payment_intent.payment_failed", .paymentIntent(record.intent))])
    }

    private func makeCharge(for intent: PaymentIntent, paid: Bool) -> Charge {
        let charge = Charge(
            id: StripeID.make("ch"), amount: intent.amount, amountRefunded: 0, currency: intent.currency, paymentIntent: intent.id,
            refunded: false, metadata: intent.metadata, created: StripeID.now)
        charges[charge.id] = ChargeRecord(
            charge: charge, succeeded: paid, destination: intent.transferData?.destination, applicationFeeAmount: intent.applicationFeeAmount)
        return charge
    }
}
