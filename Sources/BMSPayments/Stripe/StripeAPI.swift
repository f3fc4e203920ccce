import AsyncHTTPClient
import BMSCore
import Foundation
import Logging

/// Stripe's REST API as the provider uses it: authenticated, version-pinned GETs and form-encoded POSTs
/// that decode Stripe's JSON answer. A call is tried again, with the same `Idempotency-Key`, when Stripe
/// could not be reached, timed out, failed on its side (5xx) or asked to slow down (429); the key makes a
/// repeated POST return the first answer instead of creating a second object. Other refusals are final.
struct StripeAPI: Sendable {
    let configuration: StripeConfiguration
    let httpClient: HTTPClient
    let logger: Logger

    /// Answers are small objects; anything larger is not Stripe talking.
    private static let maxBodyBytes = 1 << 20

    private enum Method: String {
        case get = "GET"
        case post = "POST"
    }

    func get<Object: Decodable>(_ path: String) async throws(PaymentProviderError) -> Object {
        try await call(.get, path, form: nil, idempotencyKey: nil)
    }

    func post<Object: Decodable>(_ path: String, form: StripeForm, idempotencyKey: String) async throws(PaymentProviderError) -> Object {
        try await call(.post, path, form: form, idempotencyKey: idempotencyKey)
    }

    /// `collection/id` with the id percent-encoded, so an id can never reach another path or a query.
    static func path(_ collection: String, _ id: String, _ action: String? = nil) -> String {
        let escaped = id.addingPercentEncoding(withAllowedCharacters: idCharacters) ?? id
        return [collection, escaped, action].compactMap { $0 }.joined(separator: "/")
    }

    private static let idCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")

    private func call<Object: Decodable>(
        _ method: Method, _ path: String, form: StripeForm?, idempotencyKey: String?
    ) async throws(PaymentProviderError) -> Object {
        let request = makeRequest(method, path, form: form, idempotencyKey: idempotencyKey)
        let attempts = max(1, configuration.maxAttempts)
        var lastFailure = "no attempt was made"
        for attempt in 1...attempts {
            if attempt > 1 {
                do { try await Task.sleep(for: configuration.backoff(beforeAttempt: attempt)) } catch { break }
            }
            switch await send(request, method, path, attempt: attempt) {
            case .answered(let status, let body) where (200..<300).contains(status):
                return try decode(body, status: status, method, path)
            case .answered(let status, _) where status == 429 || status >= 500:
                lastFailure = "HTTP \(status)"
            case .answered(let status, let body):
                throw StripeErrorResponse.providerError(status: status, bytes: body)
            case .failed(let reason):
                lastFailure = reason
            }
        }
        throw .unavailable(message: "Stripe \(method.rawValue) \(path) failed after \(attempts) attempt(s); last: \(lastFailure)")
    }

    private enum Outcome {
        case answered(status: Int, body: [UInt8])
        case failed(String)
    }

    /// One attempt. Never throws: a network error, a timeout or a cancellation is an outcome to retry on
    /// (the retry loop stops on cancellation by itself, because the back-off sleep throws).
    private func send(_ request: HTTPClientRequest, _ method: Method, _ path: String, attempt: Int) async -> Outcome {
        var metadata: Logger.Metadata = ["method": "\(method.rawValue)", "path": "\(path)", "attempt": "\(attempt)"]
        do {
            let response = try await httpClient.execute(request, timeout: .nanoseconds(Self.nanoseconds(configuration.timeout)))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            let status = Int(response.status.code)
            metadata["status"] = "\(status)"
            metadata["request_id"] = "\(response.headers.first(name: "Request-Id") ?? "-")"
            logger.log(level: status >= 500 || status == 429 ? .warning : .info, "stripe call", metadata: metadata)
            return .answered(status: status, body: Array(buffer: body))
        } catch {
            metadata["error"] = "\(error)"
            logger.warning("stripe call failed", metadata: metadata)
            return .failed("\(error)")
        }
    }

    private func makeRequest(_ method: Method, _ path: String, form: StripeForm?, idempotencyKey: String?) -> HTTPClientRequest {
        let base = configuration.apiBase.absoluteString
        var request = HTTPClientRequest(url: (base.hasSuffix("/") ? String(base.dropLast()) : base) + path)
        request.method = method == .get ? .GET : .POST
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.secretKey)")
        request.headers.add(name: "Stripe-Version", value: configuration.apiVersion)
        request.headers.add(name: "Accept", value: "application/json")
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(form.encoded)
        }
        return request
    }

    private func decode<Object: Decodable>(_ body: [UInt8], status: Int, _ method: Method, _ path: String) throws(PaymentProviderError) -> Object {
        do {
            return try JSONDecoder().decode(Object.self, from: Data(body))
        } catch {
            throw .unavailable(message: "Stripe answered \(method.rawValue) \(path) with HTTP \(status) and an unreadable \(Object.self): \(error)")
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
