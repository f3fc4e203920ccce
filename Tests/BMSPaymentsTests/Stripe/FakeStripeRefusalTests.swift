import Foundation
import PaymentsTestSupport
import Testing

/// The fake refuses malformed requests the way Stripe does, so that a client mistake fails a test
/// instead of passing unnoticed. These requests are made by hand, past the client.
@Suite struct FakeStripeRefusalTests {
    @Test func withoutAKeyTheAnswerIs401() async throws {
        try await withFakeStripe { stripe in
            let answer = try await rawCall(stripe, "/v1/payment_intents", form: "amount=100&currency=inr", key: nil)
            #expect(answer.status == 401 && answer.error("type") == "invalid_request_error")
            #expect(answer.error("message")?.hasPrefix("You did not provide an API key.") == true)
        }
    }

    @Test func missingUnknownAndMalformedParametersAre400WithTheParameter() async throws {
        try await withFakeStripe { stripe in
            let missing = try await rawCall(stripe, "/v1/payment_intents", form: "currency=inr")
            #expect(missing.status == 400 && missing.error("code") == "parameter_missing" && missing.error("param") == "amount")
            let unknown = try await rawCall(stripe, "/v1/payment_intents", form: "amount=100&currency=inr&colour=blue")
            #expect(unknown.status == 400 && unknown.error("code") == "parameter_unknown" && unknown.error("param") == "colour")
            let notANumber = try await rawCall(stripe, "/v1/payment_intents", form: "amount=ten&currency=inr")
            #expect(notANumber.status == 400 && notANumber.error("param") == "amount")
        }
    }

    @Test func aJSONBodyIsRefused() async throws {
        try await withFakeStripe { stripe in
            let answer = try await rawCall(stripe, "/v1/payment_intents", form: #"{"amount":100}"#, contentType: "application/json")
            #expect(answer.status == 400 && answer.error("message")?.contains("unsupported Content-Type application/json") == true)
        }
    }

    @Test func unknownIdsAndURLsAre404() async throws {
        try await withFakeStripe { stripe in
            let intent = try await rawCall(stripe, "/v1/payment_intents/pi_nothing")
            #expect(intent.status == 404 && intent.error("code") == "resource_missing")
            let url = try await rawCall(stripe, "/v1/charges/ch_1/capture", form: "")
            #expect(url.status == 404 && url.error("message")?.hasPrefix("Unrecognized request URL (POST: /v1/charges/ch_1/capture)") == true)
        }
    }

    @Test func aRepeatedKeyIsAnsweredFromTheFirstRequest() async throws {
        try await withFakeStripe { stripe in
            let first = try await rawCall(stripe, "/v1/payment_intents", form: "amount=100&currency=inr", idempotencyKey: "k1")
            let again = try await rawCall(stripe, "/v1/payment_intents", form: "amount=100&currency=inr", idempotencyKey: "k1")
            #expect(first.status == 200 && again.status == 200)
            #expect(first.headers["idempotent-replayed"] == nil && again.headers["idempotent-replayed"] == "true")
            let other = try await rawCall(stripe, "/v1/payment_intents", form: "amount=200&currency=inr", idempotencyKey: "k1")
            #expect(other.status == 400 && other.error("type") == "idempotency_error")
        }
    }
}
