import BMSStore
import Crypto
import Foundation

/// Stripe's webhook signature: the `Stripe-Signature` header `t=<unix seconds>,v1=<hex>` where the hex is
/// HMAC-SHA256 of `"<t>.<payload>"` under the endpoint's secret. Verification accepts any of several v1
/// values (Stripe sends more than one while a secret is being rolled), compares in constant time, and
/// refuses a timestamp more than `tolerance` away from now, so a captured request cannot be replayed later.
public struct WebhookSignature: Sendable {
    public static let headerName = "Stripe-Signature"
    public static let defaultTolerance: TimeInterval = 300

    private let key: SymmetricKey
    private let tolerance: TimeInterval

    public init(secret: String, tolerance: TimeInterval = Self.defaultTolerance) {
        key = SymmetricKey(data: Array(secret.utf8))
        self.tolerance = tolerance
    }

    public enum Failure: Error, Equatable, Sendable {
        /// No `t=` or no `v1=` in the header, or the header is missing.
        case malformedHeader
        /// The timestamp is further than the tolerance from now.
        case staleTimestamp
        /// No v1 value matches the payload.
        case mismatch
    }

    /// The header value for `payload` signed at `time`.
    public func header(for payload: some DataProtocol, at time: Date) -> String {
        let timestamp = Int64(time.timeIntervalSince1970)
        return "t=\(timestamp),v1=\(Hex.string(mac(payload, timestamp: timestamp)))"
    }

    /// Checks `header` against `payload` at `now`; throws why it does not match.
    public func verify(payload: some DataProtocol, header: String?, now: Date) throws(Failure) {
        guard let header else { throw .malformedHeader }
        var timestamp: Int64?
        var candidates: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if name == "t" { timestamp = Int64(value) }
            if name == "v1", let bytes = Hex.bytes(value) { candidates.append(bytes) }
        }
        guard let timestamp, !candidates.isEmpty else { throw .malformedHeader }
        guard abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { throw .staleTimestamp }
        let expected = mac(payload, timestamp: timestamp)
        // Every candidate is compared in full, so the time taken says nothing about which one matched.
        var matched = false
        for candidate in candidates where Self.constantTimeEqual(candidate, expected) { matched = true }
        guard matched else { throw .mismatch }
    }

    private func mac(_ payload: some DataProtocol, timestamp: Int64) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("\(timestamp).".utf8))
        hmac.update(data: payload)
        return Array(hmac.finalize())
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
