import Foundation

/// The payment processor the payments domain talks to: Stripe, or the built-in demo provider that stands in
/// for it offline. Both speak Stripe's vocabulary (payment intents with an application fee and a
/// destination, refunds that reverse the transfer, Express accounts with onboarding links, transfers), so
/// the domain is written once. Every creating call carries an idempotency key: repeating it returns the
/// first answer, which is what makes retries after a crash or a lost response safe.
public protocol PaymentProvider: Sendable {
    /// "demo" or "stripe": shown in logs and to clients choosing a checkout.
    var name: String { get }

    func createPaymentIntent(_ request: PaymentIntentRequest) async throws(PaymentProviderError) -> PaymentIntent
    func retrievePaymentIntent(_ id: String) async throws(PaymentProviderError) -> PaymentIntent
    /// Confirms with a payment method ("pm_card_visa", or a test card number on the demo provider).
    /// A declined card throws `.cardDeclined`; the intent then waits for another method.
    func confirmPaymentIntent(_ id: String, paymentMethod: String, idempotencyKey: String) async throws(PaymentProviderError) -> PaymentIntent
    func createRefund(_ request: RefundRequest) async throws(PaymentProviderError) -> Refund
    func createConnectedAccount(_ request: ConnectedAccountRequest) async throws(PaymentProviderError) -> ConnectedAccount
    func retrieveAccount(_ id: String) async throws(PaymentProviderError) -> ConnectedAccount
    func createAccountLink(_ request: AccountLinkRequest) async throws(PaymentProviderError) -> AccountLink
    func createTransfer(_ request: TransferRequest) async throws(PaymentProviderError) -> Transfer
}

/// A charge for one booking. With a `destination` the charge is a destination charge: the owner's
/// connected account receives `amount − applicationFee`; without one the platform keeps the whole
/// amount and holds the owner's share until the owner can be paid.
public struct PaymentIntentRequest: Sendable, Equatable {
    public var amount: Money
    public var currency: String
    public var applicationFee: Money?
    public var destination: String?
    public var description: String
    public var metadata: [String: String]
    public var idempotencyKey: String

    public init(
        amount: Money, currency: String, applicationFee: Money?, destination: String?, description: String,
        metadata: [String: String], idempotencyKey: String
    ) {
        self.amount = amount
        self.currency = currency
        self.applicationFee = applicationFee
        self.destination = destination
        self.description = description
        self.metadata = metadata
        self.idempotencyKey = idempotencyKey
    }
}

/// Money back to the payer. `reverseTransfer` pulls the owner's share back from a destination charge's
/// connected account and `refundApplicationFee` returns the platform's fee, in proportion.
public struct RefundRequest: Sendable, Equatable {
    public var paymentIntent: String
    public var amount: Money
    public var reverseTransfer: Bool
    public var refundApplicationFee: Bool
    public var metadata: [String: String]
    public var idempotencyKey: String

    public init(
        paymentIntent: String, amount: Money, reverseTransfer: Bool, refundApplicationFee: Bool, metadata: [String: String],
        idempotencyKey: String
    ) {
        self.paymentIntent = paymentIntent
        self.amount = amount
        self.reverseTransfer = reverseTransfer
        self.refundApplicationFee = refundApplicationFee
        self.metadata = metadata
        self.idempotencyKey = idempotencyKey
    }
}

/// An Express account for an owner, created when the owner first asks to connect.
public struct ConnectedAccountRequest: Sendable, Equatable {
    public var email: String
    /// ISO country code of the business ("IN").
    public var country: String
    public var metadata: [String: String]
    public var idempotencyKey: String

    public init(email: String, country: String, metadata: [String: String], idempotencyKey: String) {
        self.email = email
        self.country = country
        self.metadata = metadata
        self.idempotencyKey = idempotencyKey
    }
}

/// A one-time onboarding address for a connected account; the owner comes back to `returnURL`, or to
/// `refreshURL` when the link has expired.
public struct AccountLinkRequest: Sendable, Equatable {
    public var account: String
    public var refreshURL: String
    public var returnURL: String

    public init(account: String, refreshURL: String, returnURL: String) {
        self.account = account
        self.refreshURL = refreshURL
        self.returnURL = returnURL
    }
}

/// Moves an owner's held share to their connected account, funded by the original charge
/// (`sourceTransaction`), so the money is available only once the charge's funds are.
public struct TransferRequest: Sendable, Equatable {
    public var amount: Money
    public var currency: String
    public var destination: String
    public var sourceTransaction: String
    public var metadata: [String: String]
    public var idempotencyKey: String

    public init(
        amount: Money, currency: String, destination: String, sourceTransaction: String, metadata: [String: String],
        idempotencyKey: String
    ) {
        self.amount = amount
        self.currency = currency
        self.destination = destination
        self.sourceTransaction = sourceTransaction
        self.metadata = metadata
        self.idempotencyKey = idempotencyKey
    }
}

/// Why a provider call failed, in terms the domain acts on. Network failures and the provider's own
/// errors (5xx) are retried with the same idempotency key before `.unavailable` is thrown.
public enum PaymentProviderError: Error, Equatable, Sendable {
    /// The card was refused (`code` is the provider's decline code, "card_declined", "insufficient_funds").
    case cardDeclined(code: String, message: String)
    /// The request was refused as malformed or not allowed in the object's state.
    case invalidRequest(message: String, parameter: String?)
    /// The provider does not know the object.
    case notFound(message: String)
    /// The API key was refused: a configuration error of the operator's.
    case authentication(message: String)
    /// The provider could not be reached or kept failing.
    case unavailable(message: String)
}
