import AsyncHTTPClient
import BMSCore
import BMSPayments
import Foundation
import Logging
import PaymentsTestSupport
import Synchronization
import Testing

/// Runs `body` with a fake Stripe and a real Stripe provider pointed at it.
func withStripe(
    timeout: Duration = .seconds(5), maxAttempts: Int = 3, logs: LogRecorder = LogRecorder(),
    _ body: (FakeStripe, StripePaymentProvider) async throws -> Void
) async throws {
    try await withFakeStripe { stripe in
        let configuration = await stripe.clientConfiguration(timeout: timeout, maxAttempts: maxAttempts)
        try await body(stripe, StripePaymentProvider(configuration: configuration, logger: logs.logger))
    }
}

/// A booking's payment; with a destination it is a destination charge with a platform fee.
func bookingPayment(destination: String? = nil, amount: Int64 = 12_000, key: String = UUID().uuidString) -> PaymentIntentRequest {
    PaymentIntentRequest(
        amount: Money(minorUnits: amount), currency: "inr", applicationFee: Money(minorUnits: amount / 10), destination: destination,
        description: "Booking bk_42, 2 nights", metadata: ["bookingId": "bk_42"], idempotencyKey: key)
}

/// A connected account that finished onboarding, so that money can move to it.
func onboardedAccount(_ stripe: FakeStripe, _ provider: StripePaymentProvider) async throws -> String {
    let account = try await provider.createConnectedAccount(
        ConnectedAccountRequest(email: "owner@example.com", country: "IN", metadata: ["ownerId": "u_7"], idempotencyKey: UUID().uuidString))
    try await stripe.completeOnboarding(account: account.id)
    return account.id
}

/// A paid booking: the intent confirmed with a card that succeeds.
func paidIntent(
    _ provider: StripePaymentProvider, destination: String? = nil, amount: Int64 = 12_000
) async throws -> PaymentIntent {
    let intent = try await provider.createPaymentIntent(bookingPayment(destination: destination, amount: amount))
    return try await provider.confirmPaymentIntent(intent.id, paymentMethod: "pm_card_visa", idempotencyKey: UUID().uuidString)
}

/// Checks that the last request the fake received was a POST to `path` with exactly `form`, under
/// `idempotencyKey` (any key when nil, but always one).
func expectLastPost(
    _ stripe: FakeStripe, _ path: String, idempotencyKey: String?, form: [String: String], sourceLocation: SourceLocation = #_sourceLocation
) async {
    let sent = await stripe.requests.last
    #expect(sent?.method == "POST" && sent?.path == path, sourceLocation: sourceLocation)
    #expect(sent?.idempotencyKey?.isEmpty == false, sourceLocation: sourceLocation)
    if let idempotencyKey { #expect(sent?.idempotencyKey == idempotencyKey, sourceLocation: sourceLocation) }
    #expect(sent?.form == form, sourceLocation: sourceLocation)
}

/// The fake's answer to a hand-made request, read without the client: for what the client would hide.
struct RawAnswer {
    var status: Int
    /// Header values by lowercased name.
    var headers: [String: String]
    var json: [String: Any]

    /// A member of the answer's `error` object, as text.
    func error(_ name: String) -> String? {
        (json["error"] as? [String: Any])?[name] as? String
    }
}

/// Sends a request made by hand to the fake: a GET, or a POST when there is a `form` body.
func rawCall(
    _ stripe: FakeStripe, _ path: String, form: String? = nil, contentType: String = "application/x-www-form-urlencoded",
    key: String? = FakeStripe.defaultSecretKey, idempotencyKey: String? = nil
) async throws -> RawAnswer {
    var request = HTTPClientRequest(url: await stripe.baseURL.absoluteString + path)
    if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
    if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
    if let form {
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .bytes(Array(form.utf8))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
    let body = try await response.body.collect(upTo: 1 << 20)
    return RawAnswer(
        status: Int(response.status.code), headers: Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }) { $1 },
        json: try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:])
}

extension PaymentProviderError {
    /// The message and parameter of an `.invalidRequest`; nil for any other case.
    var invalidRequest: (message: String, parameter: String?)? {
        if case .invalidRequest(let message, let parameter) = self { (message, parameter) } else { nil }
    }

    /// The message of an `.unavailable`; nil for any other case.
    var unavailableMessage: String? {
        if case .unavailable(let message) = self { message } else { nil }
    }

    /// The message of an `.authentication`; nil for any other case.
    var authenticationMessage: String? {
        if case .authentication(let message) = self { message } else { nil }
    }
}

/// Keeps log entries (level, message, metadata) for assertions.
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let storage = Mutex<[Entry]>([])

    var entries: [Entry] { storage.withLock { $0 } }

    var logger: Logger {
        Logger(label: "bms.payments.stripe") { _ in Handler(recorder: self) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let entry = Entry(
                level: event.level, message: event.message.description,
                metadata: (metadata.merging(event.metadata ?? [:]) { $1 }).mapValues { "\($0)" })
            recorder.storage.withLock { $0.append(entry) }
        }
    }
}
