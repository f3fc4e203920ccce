import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import BMSServer

@Suite("Logs: JSON lines, request ids, one access line per request")
struct LoggingTests {
    @Test("every line is a JSON object; each request has one access line with its id and no secrets")
    func accessLog() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            let id = try await app.test { client in
                try await client.execute(
                    uri: "/health?token=secret-query", method: .get,
                    headers: [.cookie: "session=secret-cookie", .authorization: "Bearer secret-token"]
                ) { try #require($0.headers[.xRequestID]) }
            }
            for line in app.logs.all { #expect(!line.contains("secret"), "\(line)") }
            let objects = try app.logs.jsonObjects()
            for object in objects {
                #expect(object["time"] is String && object["level"] is String && object["message"] is String)
            }
            let requestLines = objects.filter { ($0["metadata"] as? [String: Any])?["hb.request.id"] as? String == id }
            #expect(requestLines.count == 1)
            let access = try #require(requestLines.first)
            #expect(access["message"] as? String == "request")
            #expect(access["level"] as? String == "info")
            let metadata = try #require(access["metadata"] as? [String: Any])
            #expect(metadata["method"] as? String == "GET")
            #expect(metadata["route"] as? String == "/health")
            #expect(metadata["status"] as? String == "200")
            #expect(Double(metadata["duration_ms"] as? String ?? "") != nil)
        }
    }

    @Test("lines logged while handling a request all carry its id")
    func idInEveryLine() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            TestRoutes.add(to: app.router)
            try await app.test { client in
                try await client.execute(uri: TestRoutes.failurePath, method: .get, headers: [.xRequestID: "trace-me-1"]) { _ in }
            }
            let lines = app.logs.all.filter { $0.contains("trace-me-1") }
            #expect(lines.count == 2)  // the error and the access line
            #expect(lines.contains { $0.contains(#""level":"error""#) })
        }
    }

    @Test("the JSON handler escapes what it writes; the text format is one readable line")
    func formats() throws {
        let collector = LogCollector()
        var json = Logger(label: "t") { LineLogHandler(label: $0, level: .debug, format: .json, output: collector.output) }
        json[metadataKey: "quote"] = "say \"hi\"\n\u{1}\u{8}\\"
        json.trace("not shown")
        json.warning("tab\there", metadata: ["nested": ["a": ["1", "2"]]])
        var text = Logger(label: "t") { LineLogHandler(label: $0, level: .info, format: .text, output: collector.output) }
        text[metadataKey: "route"] = "/health"
        text.info("two\nlines")
        #expect(collector.all.count == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(collector.all[0].utf8)) as? [String: Any])
        #expect(object["message"] as? String == "tab\there")
        #expect(object["level"] as? String == "warning")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["quote"] as? String == "say \"hi\"\n\u{1}\u{8}\\")
        #expect((metadata["nested"] as? [String: [String]]) == ["a": ["1", "2"]])
        let line = collector.all[1]
        #expect(!line.contains("\n"))
        #expect(line.hasSuffix(" INFO two\\nlines route=/health"))
    }
}
