import Foundation

/// A webhook event in Stripe's shape: `{id, object: "event", type, created, account?, data: {object}}`.
/// `data.object` is decoded by its own `object` field; objects the domain does not use are kept as their
/// type name only, so that any event can be acknowledged.
public struct ProviderEvent: Codable, Sendable, Equatable {
    public var id: String
    public var object = "event"
    public var type: String
    public var created: Int64
    /// The connected account it happened on, for Connect events (`payout.paid`, `account.updated`).
    public var account: String?
    public var apiVersion: String?
    public var livemode: Bool
    public var data: Payload

    public struct Payload: Codable, Sendable, Equatable {
        public var object: EventObject
        public init(object: EventObject) { self.object = object }
    }

    public init(id: String, type: String, created: Int64, account: String?, apiVersion: String?, object: EventObject, livemode: Bool = false) {
        self.id = id
        self.type = type
        self.created = created
        self.account = account
        self.apiVersion = apiVersion
        self.livemode = livemode
        self.data = Payload(object: object)
    }

    enum CodingKeys: String, CodingKey {
        case id, object, type, created, account, livemode, data
        case apiVersion = "api_version"
    }
}

public enum EventObject: Codable, Sendable, Equatable {
    case paymentIntent(PaymentIntent)
    case charge(Charge)
    case refund(Refund)
    case account(ConnectedAccount)
    case payout(Payout)
    case transfer(Transfer)
    /// Any other object, by its `object` name.
    case other(String)

    private enum Kind: String, CodingKey { case object }

    public init(from decoder: any Decoder) throws {
        let kind = try decoder.container(keyedBy: Kind.self).decode(String.self, forKey: .object)
        switch kind {
        case "payment_intent": self = .paymentIntent(try PaymentIntent(from: decoder))
        case "charge": self = .charge(try Charge(from: decoder))
        case "refund": self = .refund(try Refund(from: decoder))
        case "account": self = .account(try ConnectedAccount(from: decoder))
        case "payout": self = .payout(try Payout(from: decoder))
        case "transfer": self = .transfer(try Transfer(from: decoder))
        default: self = .other(kind)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .paymentIntent(let object): try object.encode(to: encoder)
        case .charge(let object): try object.encode(to: encoder)
        case .refund(let object): try object.encode(to: encoder)
        case .account(let object): try object.encode(to: encoder)
        case .payout(let object): try object.encode(to: encoder)
        case .transfer(let object): try object.encode(to: encoder)
        case .other(let kind):
            var container = encoder.container(keyedBy: Kind.self)
            try container.encode(kind, forKey: .object)
        }
    }
}
