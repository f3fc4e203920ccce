import BMSCore

/// `POST /api/payments/create-intent`: what a client needs to take the payment.
struct CheckoutResponse: Encodable, Sendable {
    let bookingId: String
    let intentId: String
    /// For Stripe.js (`stripe.confirmPayment`), or the demo checkout page.
    let clientSecret: String
    let amount: Int64
    let currency: String
    /// "demo" or "stripe".
    let provider: String
    let status: String
    /// The built-in provider's hosted checkout page; null with Stripe (pay with Stripe.js and the
    /// publishable key instead).
    @Nullable var checkoutUrl: String?
    @Nullable var publishableKey: String?

    init(_ checkout: PaymentCheckout, checkoutURL: String?, publishableKey: String?) {
        bookingId = checkout.bookingID.description
        intentId = checkout.intentID
        clientSecret = checkout.clientSecret
        amount = checkout.amount.minorUnits
        currency = checkout.currency
        provider = checkout.provider
        status = checkout.status.rawValue
        self.checkoutUrl = checkoutURL
        self.publishableKey = publishableKey
    }
}

/// A booking's payment as its seeker, its owner and admins see it (amounts in minor units).
struct PaymentResponse: Encodable, Sendable {
    struct Refund: Encodable, Sendable {
        let id: String
        let amount: Int64
        let at: String
    }

    let bookingId: String
    let intentId: String
    let provider: String
    /// "awaiting_payment", "succeeded" or "failed".
    let status: String
    let amount: Int64
    let commission: Int64
    let currency: String
    /// The owner's connected account the charge went to; null when the platform collected it.
    @Nullable var destination: String?
    @Nullable var failureMessage: String?
    let refunded: Int64
    let refunds: [Refund]
    /// The owner's share, once passed on from the platform (when it was held).
    @Nullable var transferId: String?
    @Nullable var paidAt: String?

    init(_ payment: BookingPayment) {
        bookingId = payment.bookingID.description
        intentId = payment.intentID
        provider = payment.provider
        status = payment.status.rawValue
        amount = payment.amount.minorUnits
        commission = payment.commission.minorUnits
        currency = payment.currency
        destination = payment.destination
        failureMessage = payment.failureMessage
        refunded = payment.refunded.minorUnits
        refunds = payment.refunds.map { Refund(id: $0.id, amount: $0.amount.minorUnits, at: UserResponse.timestamp($0.at)) }
        transferId = payment.transfer?.id
        paidAt = payment.paidAt.map(UserResponse.timestamp)
    }
}

struct PaymentEnvelope: Encodable, Sendable {
    let payment: PaymentResponse
}

/// `{ "payouts": [...] }`, newest first.
struct PayoutList: Encodable, Sendable {
    struct Payout: Encodable, Sendable {
        let id: String
        let ownerId: String
        let amount: Int64
        let currency: String
        let status: String
        let arrivalDate: String
        @Nullable var failureMessage: String?
    }

    let payouts: [Payout]

    init(_ payouts: [PayoutRecord]) {
        self.payouts = payouts.map {
            Payout(
                id: $0.payoutID, ownerId: $0.ownerID.description, amount: $0.amount.minorUnits, currency: $0.currency, status: $0.status,
                arrivalDate: UserResponse.timestamp($0.arrivalDate), failureMessage: $0.failureMessage)
        }
    }
}

/// `GET /api/payments/summary` (minor units).
struct SummaryResponse: Encodable, Sendable {
    @Nullable var ownerId: String?
    let currency: String
    let gross: Int64
    let refunded: Int64
    let commission: Int64
    let net: Int64
    let held: Int64
    let paidOut: Int64
    let pending: Int64
    let payments: Int

    init(_ summary: PaymentSummary, owner: UserID?) {
        ownerId = owner?.description
        currency = summary.currency
        gross = summary.gross.minorUnits
        refunded = summary.refunded.minorUnits
        commission = summary.commission.minorUnits
        net = summary.net.minorUnits
        held = summary.held.minorUnits
        paidOut = summary.paidOut.minorUnits
        pending = summary.pending.minorUnits
        payments = summary.payments
    }
}

/// An owner's standing with the payment provider: `stripeConnected` is true once payouts are enabled.
struct PayoutAccountResponse: Encodable, Sendable {
    let userId: String
    @Nullable var stripeAccountId: String?
    let stripeConnected: Bool
    let detailsSubmitted: Bool
    let payoutsEnabled: Bool

    init(_ state: PayoutAccountState) {
        userId = state.ownerID.description
        stripeAccountId = state.accountID
        stripeConnected = state.connected
        detailsSubmitted = state.detailsSubmitted
        payoutsEnabled = state.payoutsEnabled
    }
}

struct PayoutAccountEnvelope: Encodable, Sendable {
    let stripe: PayoutAccountResponse
}

/// `GET /api/payments/connect-link`.
struct ConnectLinkResponse: Encodable, Sendable {
    let url: String
}
