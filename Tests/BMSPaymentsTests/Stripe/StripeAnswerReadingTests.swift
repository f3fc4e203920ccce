import BMSCore
import BMSPayments
import Foundation
import Hummingbird
import PaymentsTestSupport
import Testing

/// What the client makes of answers that are not Stripe's: a proxy's HTML page, a truncated body.
@Suite struct StripeAnswerReadingTests {
    func provider(answering status: HTTPResponse.Status, body: String, _ test: (StripePaymentProvider) async throws -> Void) async throws {
        let server = CallbackResponder<BasicRequestContext> { _, _ in
            Response(status: status, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        try await withLocalHTTPServer(responder: server) { url in
            try await test(
                StripePaymentProvider(
                    configuration: StripeConfiguration(secretKey: "sk_test_x", apiBase: url, maxAttempts: 1), logger: LogRecorder().logger))
        }
    }

    @Test func aRefusalThatIsNotAStripeErrorNamesTheStatus() async throws {
        try await provider(answering: .badRequest, body: "<html>Bad Request</html>") { provider in
            let error = await #expect(throws: PaymentProviderError.self) { try await provider.retrievePaymentIntent("pi_1") }
            #expect(error?.invalidRequest?.message.contains("HTTP 400") == true)
        }
        try await provider(answering: .unauthorized, body: "") { provider in
            let error = await #expect(throws: PaymentProviderError.self) { try await provider.retrieveAccount("acct_1") }
            #expect(error?.authenticationMessage?.contains("HTTP 401") == true)
        }
    }

    @Test func aSuccessThatDoesNotDecodeIsUnavailable() async throws {
        try await provider(answering: .ok, body: #"{"id": "pi_1", "object": "payment_intent""#) { provider in
            let error = await #expect(throws: PaymentProviderError.self) { try await provider.retrievePaymentIntent("pi_1") }
            let message = error?.unavailableMessage ?? ""
            #expect(message.contains("GET /v1/payment_intents/pi_1") && message.contains("HTTP 200"))
        }
    }
}
