import BMSCore
import BMSStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Landing page, probes and the API description")
struct PagesAndProbesTests {
    @Test("the home page renders from the embedded templates, with no inline script or style")
    func home() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let html = response.text
                    #expect(html.hasPrefix("<!doctype html>"))
                    #expect(html.contains("<html lang=\"en\">"))
                    #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/css/site.css\">"))
                    #expect(html.contains("Find a good bed in a PG home"))
                    #expect(html.contains("href=\"/api/openapi.json\""))
                    #expect(html.contains("BookMySleep \(AppVersion.current) · data schema \(BookMySleepSchema.current.version)"))
                    #expect(html.components(separatedBy: "<script").count == 3)
                    #expect(html.contains("<script src=\"/assets/js/site.js\" defer></script>"))
                    #expect(html.contains("<script src=\"/assets/js/near-me.js\" defer></script>"))
                    #expect(!html.contains("style="))
                    #expect(!html.contains("{{"))
                }
            }
        }
    }

    @Test("/health answers 200 JSON while the process lives (through the public buildApplication)")
    func health() async throws {
        try await withTemporaryDirectory { directory in
            let logs = LogCollector()
            let configuration = try AppConfiguration(flags: ConfigurationFlags(data: directory + "/data"), environment: [:])
            let app = try await buildApplication(TestArguments(configuration: configuration, logOutput: logs.output))
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    let object = try response.json()
                    #expect(object["status"] as? String == "ok")
                    #expect(object["version"] as? String == AppVersion.current)
                }
            }
            #expect(logs.all.contains { $0.contains(#""message":"data store open""#) })
            #expect(logs.all.contains { $0.contains(#""route":"/health""#) })
            #expect(logs.all.last?.contains(#""message":"data store closed""#) == true)
        }
    }

    @Test("/ready answers 200 with the schema version while the store is open, 503 once it is closed")
    func ready() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            let store = app.dependencies.store
            try await app.test { client in
                try await client.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .ok)
                    let object = try response.json()
                    #expect(object["status"] as? String == "ready")
                    #expect(object["schemaVersion"] as? Int == BookMySleepSchema.current.version)
                }
                store.close()
                try await client.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    let object = try response.json()
                    #expect(object["status"] as? String == "unavailable")
                    #expect(object["reason"] as? String == "the data store is not open")
                }
            }
        }
    }

    @Test("/api/openapi.json is OpenAPI 3.1 and documents exactly the registered routes")
    func openAPIMatchesRoutes() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            // Hummingbird writes captures as OpenAPI does (`{id}`); its `**` is our `{path}`.
            let registered = Set(
                app.router.routes.map { route in
                    "\(route.method.rawValue.lowercased()) \(route.path.description.replacingOccurrences(of: "**", with: "{path}"))"
                })
            try await app.test { client in
                try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    let document = try response.json()
                    #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
                    let paths = try #require(document["paths"] as? [String: [String: Any]])
                    let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
                    let documented = Set(
                        paths.flatMap { path, operations in
                            operations.keys.filter(methods.contains).map { "\($0) \(path)" }
                        })
                    #expect(documented == registered)
                    #expect(registered.contains("get /health") && registered.contains("get /assets/{path}"))
                }
            }
        }
    }

    @Test("a HEAD request answers like GET without a body")
    func head() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/health", method: .head) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes == 0)
                }
            }
        }
    }
}

@Suite("Route table")
struct RouteTableTests {
    @Test("it matches literal paths, captures and trailing wildcards, and allows HEAD where GET is")
    func matching() {
        let router = Router(context: AppRequestContext.self)
        router.get("/health") { _, _ in "" }
        router.get("/api/rooms/:id") { _, _ in "" }
        router.delete("/api/rooms/:id") { _, _ in "" }
        router.get("/assets/**") { _, _ in "" }
        let table = RouteTable(router.routes)
        #expect(table.allowedMethods(for: "/health") == [.get, .head])
        #expect(table.allowedMethods(for: "/health/") == [.get, .head])
        #expect(table.allowedMethods(for: "/api/rooms/42") == [.delete, .get, .head])
        #expect(table.allowedMethods(for: "/api/rooms") == [])
        #expect(table.allowedMethods(for: "/api/rooms/42/photos") == [])
        #expect(table.allowedMethods(for: "/assets/css/site.css") == [.get, .head])
        #expect(table.allowedMethods(for: "/assets") == [])
        #expect(table.pattern(for: "/api/rooms/7") == "/api/rooms/{id}")
    }
}
