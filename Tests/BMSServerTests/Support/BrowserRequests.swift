import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

/// What the web page tests do as a browser would: post forms, keep the cookies a response sets.
enum Browser {
    /// `application/x-www-form-urlencoded` headers, with `cookies` when given.
    static func formHeaders(cookies: [String: String] = [:]) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader(cookies) }
        return headers
    }

    /// A form body, as a browser encodes it.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: QueryString.encode(fields))
    }

    /// `Cookie: a=1; b=2`.
    static func cookieHeader(_ cookies: [String: String]) -> String {
        cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    /// Cookie name → value of every `Set-Cookie` in `response` (an empty value for a cleared cookie).
    static func cookies(_ response: TestResponse) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return cookies
    }

    /// Signs up through the page and returns the session cookies (the form must succeed).
    static func signUp(
        _ client: some TestClientProtocol, email: String, firstName: String = "Meera", role: String = "seeker"
    ) async throws -> [String: String] {
        let body = form([
            ("role", role), ("firstName", firstName), ("lastName", "Iyer"), ("email", email), ("phoneNumber", "+91 98450 12345"),
            ("password", Accounts.password),
        ])
        return try await client.execute(uri: "/signup", method: .post, headers: formHeaders(), body: body) { response in
            #expect(response.status == .seeOther, "\(response.text)")
            #expect(response.headers[.location] == "/welcome")
            return cookies(response)
        }
    }

    /// GET `uri` with `cookies`; the page's HTML.
    static func page(
        _ client: some TestClientProtocol, _ uri: String, cookies: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> String {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader(cookies) }
        return try await client.execute(uri: uri, method: .get, headers: headers) { response in
            #expect(response.status == status, "\(uri): \(response.text)")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            return response.text
        }
    }
}
