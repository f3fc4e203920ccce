import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Rate limit: per client, 429 with Retry-After, bounded memory")
struct RateLimitTests {
    @Test("past the limit a client gets 429 with Retry-After and the envelope; /health stays open")
    func limited() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "2"])
            try await app.test { client in
                for _ in 0..<2 {
                    try await client.execute(uri: "/api/openapi.json", method: .get) { #expect($0.status == .ok) }
                }
                try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                    #expect(response.status == .tooManyRequests)
                    #expect(response.headers[.retryAfter] == "30")
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "rate_limited")
                    #expect(error["message"] as? String == "Too many requests. Try again in 30 seconds.")
                }
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.status == .tooManyRequests)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.headers[.retryAfter] == "30")
                }
                for _ in 0..<5 {
                    try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                }
            }
        }
    }

    @Test("time refills the allowance")
    func refill() async throws {
        try await withTemporaryDirectory { directory in
            let clock = ManualClock()
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "1"], clock: clock)
            try await app.test { client in
                try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .tooManyRequests) }
                clock.advance(by: .seconds(60))
                try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    @Test("behind a trusted proxy, each X-Forwarded-For client has its own allowance")
    func trustedProxy() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "1", "BMS_TRUST_PROXY": "true"])
            try await app.test { client in
                for address in ["203.0.113.1", "203.0.113.2", "spoofed, 203.0.113.3"] {
                    try await client.execute(uri: "/ready", method: .get, headers: [.xForwardedFor: address]) {
                        #expect($0.status == .ok)
                    }
                }
                try await client.execute(uri: "/ready", method: .get, headers: [.xForwardedFor: "other, 203.0.113.1"]) {
                    #expect($0.status == .tooManyRequests)
                }
            }
        }
    }

    @Test("RATE_LIMIT_PER_MIN=0 switches the limit off")
    func off() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"]).test { client in
                for _ in 0..<20 {
                    try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
                }
            }
        }
    }
}

@Suite("Token buckets")
struct TokenBucketLimiterTests {
    @Test("a burst of perMinute, then Retry-After until one token is back")
    func burstAndRetryAfter() {
        let clock = ManualClock()
        let limiter = TokenBucketLimiter(perMinute: 6, now: clock.now)
        for _ in 0..<6 { #expect(limiter.acquire(for: "a") == .allowed) }
        #expect(limiter.acquire(for: "a") == .limited(retryAfterSeconds: 10))
        clock.advance(by: .seconds(4))
        #expect(limiter.acquire(for: "a") == .limited(retryAfterSeconds: 6))
        #expect(limiter.acquire(for: "b") == .allowed)
        clock.advance(by: .seconds(6))
        #expect(limiter.acquire(for: "a") == .allowed)
        #expect(limiter.acquire(for: "a") == .limited(retryAfterSeconds: 10))
    }

    @Test("buckets idle for a minute are swept, so memory follows the active clients")
    func sweep() {
        let clock = ManualClock()
        let limiter = TokenBucketLimiter(perMinute: 10, now: clock.now)
        for client in 0..<500 { _ = limiter.acquire(for: "client-\(client)") }
        #expect(limiter.trackedClients == 500)
        clock.advance(by: .seconds(61))
        _ = limiter.acquire(for: "newcomer")
        #expect(limiter.trackedClients == 1)
    }

    @Test("no more than maximumClients buckets are kept at once")
    func bounded() {
        let limiter = TokenBucketLimiter(perMinute: 10, maximumClients: 100, now: ManualClock().now)
        for client in 0..<1000 { _ = limiter.acquire(for: "client-\(client)") }
        #expect(limiter.trackedClients == 100)
    }
}
