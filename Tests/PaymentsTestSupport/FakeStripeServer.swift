import BMSPayments
import Foundation
import Hummingbird

/// Starts a fake Stripe on 127.0.0.1, runs `body` with it and stops it, also when `body` throws.
///
/// ```swift
/// try await withFakeStripe { stripe in
///     let provider = StripePaymentProvider(configuration: await stripe.clientConfiguration())
///     let intent = try await provider.createPaymentIntent(request)
///     #expect(await stripe.requests.last?.idempotencyKey == request.idempotencyKey)
/// }
/// ```
/// - Parameters:
///   - secretKey: the only key the fake accepts.
///   - webhook: where to post signed events, and the endpoint's secret; none are posted without it.
public func withFakeStripe<Value>(
    secretKey: String = FakeStripe.defaultSecretKey, webhook: (url: URL, secret: String)? = nil,
    _ body: (FakeStripe) async throws -> Value
) async throws -> Value {
    let stripe = FakeStripe(secretKey: secretKey, webhook: webhook)
    return try await withLocalHTTPServer(responder: FakeStripeResponder(stripe: stripe)) { baseURL in
        await stripe.bind(to: baseURL)
        do {
            let value = try await body(stripe)
            await stripe.stop()
            return value
        } catch {
            await stripe.stop()
            throw error
        }
    }
}

/// Turns HTTP requests into the fake's recorded requests and its answers into HTTP responses.
struct FakeStripeResponder: HTTPResponder {
    let stripe: FakeStripe

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, headers: headers,
            body: String(decoding: body.readableBytesView, as: UTF8.self))
        await stripe.receive(recorded)
        let answer = await stripe.answer(recorded)
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        // The fake's own header names, all valid tokens.
        for (name, value) in answer.headers { fields[.init(name)!] = value }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let bytes = try encoder.encode(answer.body)
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
