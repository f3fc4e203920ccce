import Foundation

extension Date {
    /// Microseconds since 1970, rounded down: the precision the store keeps a time in, in records, keys
    /// and covering bytes alike, so that one instant always becomes the same integer.
    public var storedMicroseconds: Int64 { Int64((timeIntervalSince1970 * 1_000_000).rounded(.down)) }
}
