import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Assets: embedded, cached, compressed")
struct AssetTests {
    @Test("/assets/css/site.css is the embedded stylesheet with type, strong ETag and an hour of caching")
    func stylesheet() async throws {
        let onDisk = try SourceTree.asset("css/site.css")
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/assets/css/site.css", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                    #expect(response.headers[.cacheControl] == "public, max-age=3600")
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(response.headers[.contentEncoding] == nil)
                    #expect(response.headers[.eTag] == "\"\(ContentDigest.sha256Hex(onDisk))\"")
                    // The embedded copy is the current file.
                    #expect(Array(response.body.readableBytesView) == onDisk)
                }
            }
        }
    }

    @Test("If-None-Match with the ETag answers 304 without a body")
    func notModified() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let eTag = try await client.execute(uri: "/assets/css/site.css", method: .get) { try #require($0.headers[.eTag]) }
                for condition in [eTag, "W/\(eTag)", "\"other\", \(eTag)", "*"] {
                    try await client.execute(uri: "/assets/css/site.css", method: .get, headers: [.ifNoneMatch: condition]) { response in
                        #expect(response.status == .notModified, "\(condition)")
                        #expect(response.body.readableBytes == 0)
                        #expect(response.headers[.eTag] == eTag)
                    }
                }
                try await client.execute(uri: "/assets/css/site.css", method: .get, headers: [.ifNoneMatch: "\"stale\""]) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    @Test("gzip when Accept-Encoding allows it: smaller, its own ETag, the same bytes once inflated")
    func gzip() async throws {
        let onDisk = try SourceTree.asset("css/site.css")
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let gzipETag = try await client.execute(
                    uri: "/assets/css/site.css", method: .get, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8"]
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentEncoding] == "gzip")
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(response.body.readableBytes < onDisk.count)
                    var compressed = response.body
                    let inflated = try compressed.decompress(with: .gzip())
                    #expect(Array(inflated.readableBytesView) == onDisk)
                    let eTag = try #require(response.headers[.eTag])
                    #expect(eTag == "\"\(ContentDigest.sha256Hex(onDisk))-gzip\"")
                    return eTag
                }
                try await client.execute(
                    uri: "/assets/css/site.css", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: gzipETag]
                ) { response in
                    #expect(response.status == .notModified)
                }
                try await client.execute(uri: "/assets/css/site.css", method: .get, headers: [.acceptEncoding: "gzip;q=0, br"]) {
                    #expect($0.headers[.contentEncoding] == nil)
                }
            }
        }
    }

    @Test("images get their type and are not compressed twice; HEAD answers without a body")
    func imagesAndHead() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/assets/images/logo.svg", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
                }
                try await client.execute(uri: "/assets/css/site.css", method: .head) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.eTag] != nil)
                }
            }
        }
    }

    @Test(
        "templates, the OpenAPI source and paths leaving the folder are not served",
        arguments: [
            "/assets/templates/home.mustache", "/assets/openapi.yaml", "/assets/css/../openapi.yaml",
            "/assets/css/.hidden", "/assets/css/missing.css", "/assets/css",
        ])
    func notServed(path: String) async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                }
            }
        }
    }

    @Test("--assets DIR serves the folder's current files, revalidated on every use, and renders its templates")
    func developmentFolder() async throws {
        try await withTemporaryDirectory { directory in
            let assets = directory + "/assets"
            try FileManager.default.copyItem(at: SourceTree.root.appending(path: "Assets"), to: URL(filePath: assets))
            let app = try await TestApp(in: directory, flags: ConfigurationFlags(assets: assets))
            try await app.test { client in
                try Data("body { color: rebeccapurple; }\n".utf8).write(to: URL(filePath: assets + "/css/site.css"))
                try await client.execute(uri: "/assets/css/site.css", method: .get) { response in
                    #expect(response.text == "body { color: rebeccapurple; }\n")
                    #expect(response.headers[.cacheControl] == "no-cache")
                }
                let home = try String(contentsOfFile: assets + "/templates/home.mustache", encoding: .utf8)
                try home.replacingOccurrences(of: "Find a good bed in a PG home", with: "A freshly edited release")
                    .write(toFile: assets + "/templates/home.mustache", atomically: true, encoding: .utf8)
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.text.contains("A freshly edited release"))
                }
            }
        }
    }

    @Test("a broken template stops start-up before the data directory is created")
    func brokenTemplate() async throws {
        try await withTemporaryDirectory { directory in
            let assets = directory + "/assets"
            try FileManager.default.copyItem(at: SourceTree.root.appending(path: "Assets"), to: URL(filePath: assets))
            try "{{#unclosed}}".write(toFile: assets + "/templates/home.mustache", atomically: true, encoding: .utf8)
            await #expect(throws: AssetError.self) { try await TestApp(in: directory, flags: ConfigurationFlags(assets: assets)) }
            #expect(!FileManager.default.fileExists(atPath: directory + "/data"))
        }
    }
}

@Suite("Content negotiation")
struct HTTPNegotiationTests {
    @Test("Accept-Encoding allows gzip unless it is absent or refused with q=0")
    func acceptEncoding() {
        #expect(HTTPNegotiation.acceptsGzip("gzip"))
        #expect(HTTPNegotiation.acceptsGzip("deflate, gzip;q=0.5"))
        #expect(HTTPNegotiation.acceptsGzip("*"))
        #expect(HTTPNegotiation.acceptsGzip("GZIP ; q=1"))
        #expect(!HTTPNegotiation.acceptsGzip(nil))
        #expect(!HTTPNegotiation.acceptsGzip("br, deflate"))
        #expect(!HTTPNegotiation.acceptsGzip("gzip;q=0"))
        #expect(!HTTPNegotiation.acceptsGzip("*, gzip;q=0"))
        #expect(!HTTPNegotiation.acceptsGzip("identity"))
    }
}
