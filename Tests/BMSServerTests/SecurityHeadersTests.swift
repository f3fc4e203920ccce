import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Security headers and request ids on every response")
struct SecurityHeadersTests {
    static let expected: [(HTTPField.Name, String)] = [
        (
            .contentSecurityPolicy,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; "
                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        ),
        (.xContentTypeOptions, "nosniff"),
        (.referrerPolicy, "strict-origin-when-cross-origin"),
        (.xFrameOptions, "DENY"),
        (.permissionsPolicy, "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"),
    ]

    @Test(
        "pages, assets, probes, API answers and errors all carry the security headers and an X-Request-Id",
        arguments: [
            ("/", HTTPRequest.Method.get), ("/assets/css/site.css", .get), ("/health", .get), ("/ready", .get),
            ("/metrics", .get), ("/api/openapi.json", .get), ("/api/missing", .get), ("/missing", .get),
            ("/health", .put),
        ])
    func everyResponse(path: String, method: HTTPRequest.Method) async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: path, method: method) { response in
                    for (name, value) in Self.expected {
                        #expect(response.headers[name] == value, "\(name) on \(method) \(path)")
                    }
                    #expect(response.headers[.strictTransportSecurity] == nil)
                    let id = try #require(response.headers[.xRequestID])
                    #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
                }
            }
        }
    }

    @Test("HSTS is sent when PUBLIC_URL is https")
    func hsts() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory, environment: ["PUBLIC_URL": "https://rooms.example.com"]).test { client in
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.headers[.strictTransportSecurity] == "max-age=63072000")
                }
            }
        }
    }

    @Test("a safe incoming X-Request-Id is kept; an unsafe one is replaced")
    func incomingRequestID() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/health", method: .get, headers: [.xRequestID: "lb-42.a_b:c"]) { response in
                    #expect(response.headers[.xRequestID] == "lb-42.a_b:c")
                }
                for unsafe in [String(repeating: "a", count: 65), "has space", "semi;colon", "<script>"] {
                    try await client.execute(uri: "/health", method: .get, headers: [.xRequestID: unsafe]) { response in
                        let id = try #require(response.headers[.xRequestID])
                        #expect(id != unsafe && id.count == 32)
                    }
                }
            }
        }
        #expect(RequestIDMiddleware.accepted(String(repeating: "z", count: 64)) != nil)
        #expect(RequestIDMiddleware.accepted("") == nil)
    }

    @Test("ids made for requests are 32 hex digits, and no two alike")
    func freshRequestIDs() {
        let ids = (0..<10_000).map { _ in RequestIDMiddleware.generate() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.utf8.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }
}
