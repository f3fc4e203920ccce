import BMSCore
import BMSPayments
import Foundation

/// A stand-in for Stripe's API, served over real HTTP on 127.0.0.1 by `withFakeStripe`, so that tests run
/// the real Stripe client against it. It answers the endpoints the provider uses with objects in the
/// shapes of Stripe's published fixtures, keeps its objects in memory, refuses requests as Stripe does
/// (bad key, missing or unknown parameters, unknown ids, reused idempotency keys), records every request,
/// can fail or stall on purpose, and sends signed webhook events.
public actor FakeStripe {
    public static let defaultSecretKey = "sk_test_51FakeStripeKey0000000000000000"
    public static let defaultWebhookSecret = "whsec_fake_stripe_test_secret"
    /// The version the fake's objects follow, answered when a request pins none.
    public static let apiVersion = "2024-06-20"

    public nonisolated let secretKey: String
    /// `http://127.0.0.1:<port>`, known once the server listens (before a test's body runs).
    public private(set) var baseURL = URL(string: "http://127.0.0.1")!
    /// Every request received, in order, including refused and failed ones.
    public private(set) var requests: [RecordedRequest] = []
    /// Every event the fake made, with what the webhook endpoint answered.
    public internal(set) var deliveries: [WebhookDelivery] = []
    public var events: [ProviderEvent] { deliveries.map(\.event) }

    var webhook: (url: URL, secret: String)?
    var injectedFailures: [Int] = []
    var injectedDelays: [Duration] = []
    /// The waits of delayed requests, cut short when the fake stops so that its server can shut down.
    var holds: [Task<Void, Never>] = []
    var stopped = false
    var idempotentAnswers: [String: (signature: String, answer: Handled)] = [:]

    var intents: [String: IntentRecord] = [:]
    var charges: [String: ChargeRecord] = [:]
    var refunds: [String: RefundRecord] = [:]
    var accounts: [String: AccountRecord] = [:]
    var transfers: [String: TransferRecord] = [:]

    init(secretKey: String, webhook: (url: URL, secret: String)?) {
        self.secretKey = secretKey
        self.webhook = webhook
    }

    func bind(to baseURL: URL) {
        self.baseURL = baseURL
    }

    /// A client configuration pointing at this server, with a back-off short enough for tests.
    public func clientConfiguration(timeout: Duration = .seconds(5), maxAttempts: Int = 3) -> StripeConfiguration {
        StripeConfiguration(
            secretKey: secretKey, apiBase: baseURL, timeout: timeout, maxAttempts: maxAttempts, retryBackoffBase: .milliseconds(1))
    }

    /// The next `count` requests are answered with HTTP `status` (a Stripe `api_error`) before anything else
    /// is looked at; requests after them are answered normally.
    public func failNext(_ count: Int, status: Int = 500) {
        injectedFailures += Array(repeating: status, count: count)
    }

    /// The next `count` requests wait `seconds` before they are answered, so that a client times out.
    /// A delayed request is still carried out once the wait is over (or the test ends), as a slow Stripe
    /// would.
    public func delayNext(_ seconds: TimeInterval, count: Int = 1) {
        injectedDelays += Array(repeating: .milliseconds(Int64(seconds * 1000)), count: count)
    }

    /// Sends later events to `url`, signed with `secret`.
    public func setWebhook(url: URL, secret: String) {
        webhook = (url, secret)
    }

    /// The charge as the fake holds it, for assertions on refunds.
    public func charge(_ id: String) -> Charge? {
        charges[id]?.charge
    }

    /// Records `request`, and holds it for the delay injected for it, if any.
    func receive(_ request: RecordedRequest) async {
        requests.append(request)
        guard !stopped, !injectedDelays.isEmpty else { return }
        let delay = injectedDelays.removeFirst()
        let hold = Task { _ = try? await Task.sleep(for: delay) }
        holds.append(hold)
        await hold.value
    }

    /// Ends every hold: the test is over and its server must not wait for long delays to finish.
    func stop() {
        stopped = true
        for hold in holds { hold.cancel() }
    }
}

/// An event the fake made, with the webhook endpoint's HTTP status (nil when none is set or it could not
/// be reached).
public struct WebhookDelivery: Sendable {
    public let event: ProviderEvent
    public let status: Int?
}

/// A misuse of the fake's test hooks (an unknown account, say).
public struct FakeStripeMisuse: Error, CustomStringConvertible {
    public let description: String
}
