/// An amount of money in minor units (paise for INR). Never floating point: rent, deposits, fees and
/// refunds add up exactly. The currency is the operator's (one per installation, INR by default).
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minorUnits: Int64

    public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    public static let zero = Money(minorUnits: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    public var description: String { "\(minorUnits)" }

    public init(from decoder: any Decoder) throws { minorUnits = try Int64(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try minorUnits.encode(to: encoder) }
}
