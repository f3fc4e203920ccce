import BMSCore

struct TransferRecord: Sendable {
    var transfer: Transfer
    var description: String?
    var balanceTransaction: String
    /// The `py_…` payment the transfer makes on the connected account.
    var destinationPayment: String

    /// The answer in the shape of Stripe's `transfer` fixture.
    var json: JSONValue {
        [
            "id": .string(transfer.id), "object": "transfer", "amount": .int(transfer.amount), "amount_reversed": 0,
            "balance_transaction": .string(balanceTransaction), "created": .int(transfer.created), "currency": .string(transfer.currency),
            "description": .nullable(description), "destination": .string(transfer.destination),
            "destination_payment": .string(destinationPayment), "livemode": false, "metadata": .strings(transfer.metadata),
            "reversals": .list([], url: "/v1/transfers/\(transfer.id)/reversals"), "reversed": false,
            "source_transaction": .nullable(transfer.sourceTransaction), "source_type": "card", "transfer_group": nil,
        ]
    }
}
