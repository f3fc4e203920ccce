import BMSCore
import BMSPayments
import Foundation
import Hummingbird
import PaymentsTestSupport
import Testing

@Suite struct StripeRetryTests {
    @Test func twoServerErrorsThenSuccessIsOneIntentUnderOneKey() async throws {
        try await withStripe { stripe, provider in
            await stripe.failNext(2, status: 503)
            let request = bookingPayment()
            let intent = try await provider.createPaymentIntent(request)
            let sent = await stripe.requests
            #expect(sent.count == 3)
            #expect(sent.allSatisfy { $0.idempotencyKey == request.idempotencyKey && $0.form == sent[0].form })
            #expect(try await provider.retrievePaymentIntent(intent.id) == intent)
        }
    }

    @Test func tooManyRequestsIsRetried() async throws {
        try await withStripe { stripe, provider in
            await stripe.failNext(1, status: 429)
            _ = try await provider.createPaymentIntent(bookingPayment())
            #expect(await stripe.requests.count == 2)
        }
    }

    @Test func serverErrorsEveryTimeEndUnavailableAfterMaxAttempts() async throws {
        try await withStripe(maxAttempts: 3) { stripe, provider in
            await stripe.failNext(10, status: 500)
            let error = await #expect(throws: PaymentProviderError.self) { try await provider.createPaymentIntent(bookingPayment()) }
            let message = error?.unavailableMessage ?? ""
            #expect(message.contains("POST /v1/payment_intents") && message.contains("3 attempt") && message.contains("HTTP 500"))
            #expect(await stripe.requests.count == 3)
        }
    }

    // The delayed request itself is held until the test ends. On a loaded machine a retry can time out
    // too and be retried again: what matters is that every attempt carries the same key.
    @Test func aSlowAnswerIsRetriedUnderTheSameKey() async throws {
        try await withStripe(timeout: .seconds(1)) { stripe, provider in
            await stripe.delayNext(60)
            let request = bookingPayment()
            let intent = try await provider.createPaymentIntent(request)
            let sent = await stripe.requests
            #expect(sent.count >= 2 && sent.allSatisfy { $0.idempotencyKey == request.idempotencyKey })
            #expect(intent.id.hasPrefix("pi_"))
        }
    }

    // Attempts are counted on the client's side: on a loaded machine a retry can time out before the
    // fake has even read it.
    @Test func answersSlowerThanTheTimeoutEveryTimeEndUnavailable() async throws {
        let logs = LogRecorder()
        try await withStripe(timeout: .milliseconds(300), maxAttempts: 2, logs: logs) { stripe, provider in
            await stripe.delayNext(60, count: 2)
            let error = await #expect(throws: PaymentProviderError.self) { try await provider.retrievePaymentIntent("pi_slow") }
            let message = error?.unavailableMessage ?? ""
            #expect(message.contains("GET /v1/payment_intents/pi_slow") && message.contains("deadlineExceeded"))
        }
        #expect(logs.entries.map(\.metadata["attempt"]) == ["1", "2"])
        #expect(logs.entries.allSatisfy { $0.level == .warning && $0.metadata["error"] != nil })
    }

    @Test func aClosedPortEndsUnavailable() async throws {
        let closed = try await withLocalHTTPServer(responder: CallbackResponder<BasicRequestContext> { _, _ in Response(status: .ok) }) { $0 }
        let provider = StripePaymentProvider(
            configuration: StripeConfiguration(
                secretKey: "sk_test_closed", apiBase: closed, timeout: .milliseconds(300), maxAttempts: 2, retryBackoffBase: .milliseconds(1)),
            logger: LogRecorder().logger)
        let error = await #expect(throws: PaymentProviderError.self) { try await provider.createPaymentIntent(bookingPayment()) }
        #expect(error?.unavailableMessage?.contains("2 attempt") == true)
    }

    @Test func aWrongKeyIsAnAuthenticationErrorAndNotRetried() async throws {
        try await withFakeStripe { stripe in
            var configuration = await stripe.clientConfiguration()
            configuration.secretKey = "sk_test_wrong_key_1234"
            let provider = StripePaymentProvider(configuration: configuration, logger: LogRecorder().logger)
            await #expect(throws: PaymentProviderError.authentication(message: "Invalid API Key provided: sk_test_**********1234")) {
                try await provider.createPaymentIntent(bookingPayment())
            }
            #expect(await stripe.requests.count == 1)
        }
    }

    @Test func anUnknownIntentIsNotFoundAndNotRetried() async throws {
        try await withStripe { stripe, provider in
            await #expect(throws: PaymentProviderError.notFound(message: "No such payment_intent: 'pi_missing'")) {
                try await provider.retrievePaymentIntent("pi_missing")
            }
            #expect(await stripe.requests.count == 1)
        }
    }

    @Test func eachAttemptIsLoggedWithoutTheKey() async throws {
        let logs = LogRecorder()
        try await withStripe(logs: logs) { stripe, provider in
            await stripe.failNext(1, status: 503)
            _ = try await provider.createPaymentIntent(bookingPayment())
        }
        let entries = logs.entries
        #expect(entries.map(\.metadata["status"]) == ["503", "200"])
        #expect(entries.map(\.metadata["attempt"]) == ["1", "2"])
        #expect(entries.allSatisfy { $0.metadata["path"] == "/v1/payment_intents" && $0.metadata["request_id"]?.hasPrefix("req_") == true })
        #expect(!entries.contains { "\($0)".contains(FakeStripe.defaultSecretKey) })
        #expect(!"\(StripeConfiguration(secretKey: FakeStripe.defaultSecretKey))".contains(FakeStripe.defaultSecretKey))
    }
}
