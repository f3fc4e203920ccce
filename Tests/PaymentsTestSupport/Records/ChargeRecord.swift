import BMSCore

/// A charge made by a confirmation. Charges are never answered on their own here (no endpoint reads
/// them); they carry `charge.refunded` events and what refunds and transfers check against.
struct ChargeRecord: Sendable {
    var charge: Charge
    var succeeded: Bool
    /// A destination charge: its transfer can be reversed and its application fee refunded.
    var destination: String?
    var applicationFeeAmount: Int64?

    var refundable: Int64 { charge.amount - charge.amountRefunded }
}
