import BMSPayments
import Foundation
import Testing

@Suite struct WebhookSignatureTests {
    let signature = WebhookSignature(secret: "whsec_test_secret")
    let payload = Array(#"{"id":"evt_1","type":"payment_intent.succeeded"}"#.utf8)
    let signedAt = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aSignedPayloadVerifiesWithinTheTolerance() throws {
        let header = signature.header(for: payload, at: signedAt)
        #expect(header.hasPrefix("t=1800000000,v1="))
        try signature.verify(payload: payload, header: header, now: signedAt.addingTimeInterval(299))
        try signature.verify(payload: payload, header: header, now: signedAt.addingTimeInterval(-299))
    }

    @Test func aSignatureComputedByOpenSSLVerifies() throws {
        // HMAC-SHA256("whsec_test_secret", "1800000000." + payload), computed independently with openssl.
        let header = "t=1800000000,v1=\(Self.opensslSignature)"
        try signature.verify(payload: payload, header: header, now: signedAt)
    }

    @Test func aStaleOrFutureTimestampIsRefused() {
        let header = signature.header(for: payload, at: signedAt)
        #expect(throws: WebhookSignature.Failure.staleTimestamp) {
            try signature.verify(payload: payload, header: header, now: signedAt.addingTimeInterval(301))
        }
        #expect(throws: WebhookSignature.Failure.staleTimestamp) {
            try signature.verify(payload: payload, header: header, now: signedAt.addingTimeInterval(-301))
        }
    }

    @Test func aChangedPayloadOrAnotherSecretIsRefused() {
        let header = signature.header(for: payload, at: signedAt)
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try signature.verify(payload: payload + [0x20], header: header, now: signedAt)
        }
        let other = WebhookSignature(secret: "whsec_other")
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try other.verify(payload: payload, header: header, now: signedAt)
        }
    }

    @Test func anyOfSeveralV1ValuesMayMatchWhileASecretRolls() throws {
        let good = signature.header(for: payload, at: signedAt)
        let v1 = good.split(separator: ",")[1]
        try signature.verify(payload: payload, header: "t=1800000000,v1=\(String(repeating: "0", count: 64)),\(v1),v0=ignored", now: signedAt)
    }

    @Test(arguments: [nil, "", "t=1800000000", "v1=abcd", "t=soon,v1=abcd", "t=1800000000,v1=zz"])
    func malformedHeadersAreRefused(header: String?) {
        #expect(throws: WebhookSignature.Failure.malformedHeader) {
            try signature.verify(payload: payload, header: header, now: signedAt)
        }
    }
}

extension WebhookSignatureTests {
    static let opensslSignature = "334f9dbfd609cf6c38f112f028756732c80faa7fdbeab117549d6303a5dcf896"
}
