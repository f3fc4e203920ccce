import Foundation

// The provider's objects, in Stripe's JSON shape (snake_case keys, amounts in minor units, times in Unix
// seconds). The Stripe client decodes them, the demo provider encodes them, the webhook reads them.
// Only the fields the domain uses are kept; unknown fields are ignored when decoding.

/// `payment_intent`.
public struct PaymentIntent: Codable, Sendable, Equatable {
    public var id: String
    public var object = "payment_intent"
    public var amount: Int64
    public var currency: String
    public var status: Status
    public var clientSecret: String?
    public var latestCharge: String?
    public var applicationFeeAmount: Int64?
    public var transferData: TransferData?
    public var metadata: [String: String]
    public var lastPaymentError: LastError?
    public var created: Int64
    public var livemode: Bool

    /// Stripe's intent states; an unknown future one decodes as itself and is treated as not paid.
    public struct Status: RawRepresentable, Codable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let requiresPaymentMethod = Status(rawValue: "requires_payment_method")
        public static let requiresConfirmation = Status(rawValue: "requires_confirmation")
        public static let requiresAction = Status(rawValue: "requires_action")
        public static let processing = Status(rawValue: "processing")
        public static let canceled = Status(rawValue: "canceled")
        public static let succeeded = Status(rawValue: "succeeded")
    }

    public struct TransferData: Codable, Sendable, Equatable {
        public var destination: String
        public init(destination: String) { self.destination = destination }
    }

    public struct LastError: Codable, Sendable, Equatable {
        public var code: String?
        public var declineCode: String?
        public var message: String?
        public init(code: String?, declineCode: String?, message: String?) {
            self.code = code
            self.declineCode = declineCode
            self.message = message
        }
        enum CodingKeys: String, CodingKey {
            case code
            case declineCode = "decline_code"
            case message
        }
    }

    public init(
        id: String, amount: Int64, currency: String, status: Status, clientSecret: String?, latestCharge: String?,
        applicationFeeAmount: Int64?, transferData: TransferData?, metadata: [String: String], lastPaymentError: LastError?,
        created: Int64, livemode: Bool = false
    ) {
        self.id = id
        self.amount = amount
        self.currency = currency
        self.status = status
        self.clientSecret = clientSecret
        self.latestCharge = latestCharge
        self.applicationFeeAmount = applicationFeeAmount
        self.transferData = transferData
        self.metadata = metadata
        self.lastPaymentError = lastPaymentError
        self.created = created
        self.livemode = livemode
    }

    enum CodingKeys: String, CodingKey {
        case id, object, amount, currency, status, metadata, created, livemode
        case clientSecret = "client_secret"
        case latestCharge = "latest_charge"
        case applicationFeeAmount = "application_fee_amount"
        case transferData = "transfer_data"
        case lastPaymentError = "last_payment_error"
    }
}

/// `charge`: what a `charge.refunded` event carries.
public struct Charge: Codable, Sendable, Equatable {
    public var id: String
    public var object = "charge"
    public var amount: Int64
    public var amountRefunded: Int64
    public var currency: String
    public var paymentIntent: String?
    public var refunded: Bool
    public var metadata: [String: String]
    public var created: Int64

    public init(
        id: String, amount: Int64, amountRefunded: Int64, currency: String, paymentIntent: String?, refunded: Bool,
        metadata: [String: String], created: Int64
    ) {
        self.id = id
        self.amount = amount
        self.amountRefunded = amountRefunded
        self.currency = currency
        self.paymentIntent = paymentIntent
        self.refunded = refunded
        self.metadata = metadata
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id, object, amount, currency, refunded, metadata, created
        case amountRefunded = "amount_refunded"
        case paymentIntent = "payment_intent"
    }
}

/// `refund`.
public struct Refund: Codable, Sendable, Equatable {
    public var id: String
    public var object = "refund"
    public var amount: Int64
    public var currency: String
    public var paymentIntent: String?
    public var charge: String?
    /// "pending", "succeeded", "failed", "canceled", "requires_action".
    public var status: String
    public var metadata: [String: String]
    public var created: Int64

    public init(
        id: String, amount: Int64, currency: String, paymentIntent: String?, charge: String?, status: String,
        metadata: [String: String], created: Int64
    ) {
        self.id = id
        self.amount = amount
        self.currency = currency
        self.paymentIntent = paymentIntent
        self.charge = charge
        self.status = status
        self.metadata = metadata
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id, object, amount, currency, charge, status, metadata, created
        case paymentIntent = "payment_intent"
    }
}

/// `account`: an owner's connected (Express) account.
public struct ConnectedAccount: Codable, Sendable, Equatable {
    public var id: String
    public var object = "account"
    public var email: String?
    public var chargesEnabled: Bool
    public var payoutsEnabled: Bool
    public var detailsSubmitted: Bool
    public var metadata: [String: String]

    public init(id: String, email: String?, chargesEnabled: Bool, payoutsEnabled: Bool, detailsSubmitted: Bool, metadata: [String: String]) {
        self.id = id
        self.email = email
        self.chargesEnabled = chargesEnabled
        self.payoutsEnabled = payoutsEnabled
        self.detailsSubmitted = detailsSubmitted
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id, object, email, metadata
        case chargesEnabled = "charges_enabled"
        case payoutsEnabled = "payouts_enabled"
        case detailsSubmitted = "details_submitted"
    }
}

/// `account_link`: the onboarding address.
public struct AccountLink: Codable, Sendable, Equatable {
    public var object = "account_link"
    public var url: String
    public var created: Int64
    public var expiresAt: Int64

    public init(url: String, created: Int64, expiresAt: Int64) {
        self.url = url
        self.created = created
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case object, url, created
        case expiresAt = "expires_at"
    }
}

/// `transfer`: platform → connected account.
public struct Transfer: Codable, Sendable, Equatable {
    public var id: String
    public var object = "transfer"
    public var amount: Int64
    public var currency: String
    public var destination: String
    public var sourceTransaction: String?
    public var metadata: [String: String]
    public var created: Int64

    public init(
        id: String, amount: Int64, currency: String, destination: String, sourceTransaction: String?, metadata: [String: String], created: Int64
    ) {
        self.id = id
        self.amount = amount
        self.currency = currency
        self.destination = destination
        self.sourceTransaction = sourceTransaction
        self.metadata = metadata
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id, object, amount, currency, destination, metadata, created
        case sourceTransaction = "source_transaction"
    }
}

/// `payout`: a connected account's balance → the owner's bank, reported by `payout.paid` / `payout.failed`.
public struct Payout: Codable, Sendable, Equatable {
    public var id: String
    public var object = "payout"
    public var amount: Int64
    public var currency: String
    /// "pending", "in_transit", "paid", "failed", "canceled".
    public var status: String
    public var arrivalDate: Int64
    public var failureMessage: String?
    public var created: Int64

    public init(id: String, amount: Int64, currency: String, status: String, arrivalDate: Int64, failureMessage: String?, created: Int64) {
        self.id = id
        self.amount = amount
        self.currency = currency
        self.status = status
        self.arrivalDate = arrivalDate
        self.failureMessage = failureMessage
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id, object, amount, currency, status, created
        case arrivalDate = "arrival_date"
        case failureMessage = "failure_message"
    }
}
