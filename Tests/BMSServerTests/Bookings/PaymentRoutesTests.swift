import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Payments: reserved routes answer 501 until the payments release")
struct PaymentRoutesTests {
    static let routes: [(HTTPRequest.Method, String)] = [
        (.post, "/api/payments/create-intent"), (.post, "/api/payments/confirm"), (.post, "/api/payments/refund"),
        (.get, "/api/payments/connect-link"), (.get, "/api/payments/payouts"), (.get, "/api/payments/summary"),
        (.post, "/api/payments/webhook"),
    ]

    @Test("every payments route is registered and answers 501 not_implemented in the envelope, saying what is missing")
    func reserved() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            #expect(
                Set(app.router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains("/api/payments/") })
                    == Set(Self.routes.map { "\($0.0) \($0.1)" }))
            try await app.test { client in
                let seeker = try await Accounts.register(client)
                for (method, path) in Self.routes {
                    let response = try await client.execute(
                        uri: path, method: method, headers: seeker.bearer, body: method == .post ? ByteBuffer(string: "{}") : nil)
                    let error = try Bookings.expectError(response, .notImplemented, "not_implemented")
                    let message = try #require(error["message"] as? String)
                    #expect(message.hasPrefix("payments are not built yet: ") && message.contains("payments release"), "\(path)")
                }
                // The provider calls the webhook without a login; the other routes want one first.
                let webhook = try await client.execute(uri: "/api/payments/webhook", method: .post, body: ByteBuffer(string: "{}"))
                try Bookings.expectError(webhook, .notImplemented, "not_implemented")
                let anonymous = try await client.execute(uri: "/api/payments/create-intent", method: .post, body: ByteBuffer(string: "{}"))
                try Bookings.expectError(anonymous, .unauthorized, "unauthenticated")
                // Another method on a reserved address is a 405 like anywhere else.
                let wrongMethod = try await client.execute(uri: "/api/payments/summary", method: .delete, headers: seeker.bearer)
                try Bookings.expectError(wrongMethod, .methodNotAllowed, "method_not_allowed")
            }
        }
    }
}
