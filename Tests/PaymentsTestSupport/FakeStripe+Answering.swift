import BMSCore
import Foundation

/// What an endpoint produced: the HTTP answer and the events it causes.
struct Handled: Sendable {
    var status = 200
    var body: JSONValue
    var events: [ProviderEvent] = []
    /// Set on an answer repeated for a reused idempotency key (Stripe's `Idempotent-Replayed` header).
    var replayed = false
}

/// An HTTP answer ready to be written.
struct FakeAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: JSONValue
}

/// The endpoints the fake implements, from a method and a path.
enum Route: Sendable {
    case createPaymentIntent
    case retrievePaymentIntent(String)
    case confirmPaymentIntent(String)
    case createRefund
    case createAccount
    case retrieveAccount(String)
    case createAccountLink
    case createTransfer

    init(method: String, path: String) throws(StripeRefusal) {
        let parts = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        let id = parts.count > 2 ? parts[2] : ""
        let shape = parts.enumerated().map { $0.offset == 2 ? "{id}" : $0.element }.joined(separator: "/")
        switch "\(method) \(shape)" {
        case "POST v1/payment_intents": self = .createPaymentIntent
        case "GET v1/payment_intents/{id}": self = .retrievePaymentIntent(id)
        case "POST v1/payment_intents/{id}/confirm": self = .confirmPaymentIntent(id)
        case "POST v1/refunds": self = .createRefund
        case "POST v1/accounts": self = .createAccount
        case "GET v1/accounts/{id}": self = .retrieveAccount(id)
        case "POST v1/account_links": self = .createAccountLink
        case "POST v1/transfers": self = .createTransfer
        default: throw .unrecognizedURL(method: method, path: path)
        }
    }
}

extension FakeStripe {
    /// Answers a request as Stripe would. The events it causes are delivered before the answer is given,
    /// so a test sees them as soon as the client's call returns (Stripe sends them a moment later).
    func answer(_ request: RecordedRequest) async -> FakeAnswer {
        let handled: Handled
        do {
            handled = try handle(request)
        } catch {
            handled = Handled(status: error.status, body: error.body)
        }
        await deliver(handled.events)
        var headers = ["Request-Id": StripeID.make("req", length: 14), "Stripe-Version": request.stripeVersion ?? Self.apiVersion]
        if request.method == "POST", let key = request.idempotencyKey { headers["Idempotency-Key"] = key }
        if handled.replayed { headers["Idempotent-Replayed"] = "true" }
        return FakeAnswer(status: handled.status, headers: headers, body: handled.body)
    }

    /// Checks in Stripe's order: its own health, the key, the URL, the body, then the idempotency key.
    /// Answers to refused parameters are not kept for the idempotency key, as Stripe keeps only the
    /// answers of requests that started executing; a card decline did start, so it is kept.
    private func handle(_ request: RecordedRequest) throws(StripeRefusal) -> Handled {
        if !injectedFailures.isEmpty { throw .apiError(status: injectedFailures.removeFirst()) }
        try authenticate(request)
        let route = try Route(method: request.method, path: request.path)
        guard request.method == "POST" else { return try perform(route, FormParameters(fields: [:])) }
        try checkFormBody(request)
        let parameters = FormParameters(fields: request.form)
        guard let key = request.idempotencyKey else { return try perform(route, parameters) }
        let signature = "\(request.path)?" + request.form.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        if let earlier = idempotentAnswers[key] {
            guard earlier.signature == signature else { throw .idempotencyMismatch(key) }
            var replay = earlier.answer
            replay.events = []
            replay.replayed = true
            return replay
        }
        let handled = try perform(route, parameters)
        idempotentAnswers[key] = (signature, handled)
        return handled
    }

    private func perform(_ route: Route, _ parameters: FormParameters) throws(StripeRefusal) -> Handled {
        switch route {
        case .createPaymentIntent: return try createPaymentIntent(parameters)
        case .retrievePaymentIntent(let id): return Handled(body: try intent(id, param: "intent", inURL: true).json)
        case .confirmPaymentIntent(let id): return try confirmPaymentIntent(id, parameters)
        case .createRefund: return try createRefund(parameters)
        case .createAccount: return try createAccount(parameters)
        case .retrieveAccount(let id): return Handled(body: try account(id, param: "account", inURL: true).json)
        case .createAccountLink: return try createAccountLink(parameters)
        case .createTransfer: return try createTransfer(parameters)
        }
    }

    private func authenticate(_ request: RecordedRequest) throws(StripeRefusal) {
        guard let authorization = request.headers["authorization"], authorization.hasPrefix("Bearer ") else { throw .missingKey() }
        let key = String(authorization.dropFirst("Bearer ".count))
        guard key == secretKey else { throw .invalidKey(key) }
    }

    private func checkFormBody(_ request: RecordedRequest) throws(StripeRefusal) {
        guard !request.body.isEmpty else { return }
        let contentType = request.headers["content-type"] ?? "none"
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw .invalid(
                "Invalid request: unsupported Content-Type \(contentType). If error persists and you need assistance, please contact support@stripe.com."
            )
        }
        guard RecordedRequest.decodeForm(request.body) != nil else {
            throw .invalid("Invalid request: the body is not valid application/x-www-form-urlencoded.")
        }
    }
}
