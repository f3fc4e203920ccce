import BMSCore

struct RefundRecord: Sendable {
    var refund: Refund
    var balanceTransaction: String
    /// `trr_…` when the refund pulled the owner's share back from the connected account.
    var transferReversal: String?

    /// The answer in the shape of Stripe's `refund` fixture.
    var json: JSONValue {
        [
            "id": .string(refund.id), "object": "refund", "amount": .int(refund.amount), "balance_transaction": .string(balanceTransaction),
            "charge": .nullable(refund.charge), "created": .int(refund.created), "currency": .string(refund.currency),
            "destination_details": [
                "card": ["reference": nil, "reference_status": "pending", "reference_type": "acquirer_reference_number", "type": "refund"],
                "type": "card",
            ],
            "metadata": .strings(refund.metadata), "payment_intent": .nullable(refund.paymentIntent), "reason": nil,
            "receipt_number": nil, "source_transfer_reversal": nil, "status": .string(refund.status),
            "transfer_reversal": .nullable(transferReversal),
        ]
    }
}
