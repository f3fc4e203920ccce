import BMSCore

// Refunds of an intent's successful charge, whole or in part.
extension FakeStripe {
    func createRefund(_ parameters: FormParameters) throws(StripeRefusal) -> Handled {
        try parameters.check(required: [], allowed: ["payment_intent", "amount", "reverse_transfer", "refund_application_fee", "reason"])
        guard let intentID = parameters["payment_intent"] else {
            throw .invalid("One of the following params should be provided for this request: payment_intent or charge.")
        }
        let intent = try intent(intentID, param: "payment_intent").intent
        guard intent.status == .succeeded, let chargeID = intent.latestCharge, var record = charges[chargeID], record.succeeded else {
            throw .invalid("This PaymentIntent (\(intentID)) does not have a successful charge to refund.", param: "payment_intent")
        }
        guard record.refundable > 0 else {
            throw .invalid("Charge \(chargeID) has already been refunded.", code: "charge_already_refunded")
        }
        let amount = try parameters.amount("amount") ?? record.refundable
        guard amount <= record.refundable else {
            throw .invalid(
                "Refund amount (\(amount)) is greater than unrefunded amount on charge (\(record.refundable))", param: "amount",
                code: "amount_too_large")
        }
        let reverseTransfer = try parameters.bool("reverse_transfer") ?? false
        if reverseTransfer, record.destination == nil {
            throw .invalid("The charge \(chargeID) has no transfer to reverse.", param: "reverse_transfer")
        }
        if try parameters.bool("refund_application_fee") ?? false, record.applicationFeeAmount == nil {
            throw .invalid("The charge \(chargeID) has no application fee to refund.", param: "refund_application_fee")
        }
        record.charge.amountRefunded += amount
        record.charge.refunded = record.refundable == 0
        charges[chargeID] = record
        let refund = RefundRecord(
            refund: Refund(
                id: StripeID.make("re"), amount: amount, currency: intent.currency, paymentIntent: intentID, charge: chargeID,
                status: "succeeded", metadata: parameters.metadata, created: StripeID.now),
            balanceTransaction: StripeID.make("txn"), transferReversal: reverseTransfer ? StripeID.make("trr") : nil)
        refunds[refund.refund.id] = refund
        return Handled(body: refund.json, events: [event("charge.refunded", .charge(record.charge))])
    }
}
