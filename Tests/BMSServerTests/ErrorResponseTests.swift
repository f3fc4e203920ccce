import BMSStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Errors: one mapping, the JSON envelope under /api, HTML pages elsewhere")
struct ErrorResponseTests {
    @Test("an unknown /api route answers 404 in the envelope")
    func apiNotFound() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/api/no-such-thing", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "not_found")
                    #expect(error["message"] as? String == "There is nothing at this address.")
                    #expect(error["fields"] == nil)
                }
            }
        }
    }

    @Test("a known /api path with the wrong method answers 405 with Allow")
    func apiMethodNotAllowed() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/api/openapi.json", method: .delete) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "method_not_allowed")
                }
            }
        }
    }

    @Test("a wrong method outside /api answers a 405 HTML page with Allow")
    func pageMethodNotAllowed() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/health", method: .post, body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.text.contains("Method Not Allowed"))
                }
            }
        }
    }

    @Test("an unknown page answers a designed 404 HTML page naming the request id")
    func pageNotFound() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/no/such/page", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let requestID = try #require(response.headers[.xRequestID])
                    #expect(response.text.contains("<h1 id=\"error-title\">Not Found</h1>"))
                    #expect(response.text.contains(requestID))
                    #expect(response.text.contains("/assets/css/site.css"))
                }
            }
        }
    }

    @Test("a thrown internal error answers 500 with a generic message; the details go only to the log")
    func internalError() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            TestRoutes.add(to: app.router)
            let logs = app.logs
            try await app.test { client in
                try await client.execute(uri: TestRoutes.failurePath, method: .get) { response in
                    #expect(response.status == .internalServerError)
                    let requestID = try #require(response.headers[.xRequestID])
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "internal_error")
                    #expect(error["message"] as? String == "Something went wrong on our side. If it keeps happening, quote request id \(requestID).")
                    #expect(!response.text.contains("secret"))
                    let logged = try logs.jsonObjects().filter { $0["level"] as? String == "error" }
                    let line = try #require(logged.first)
                    let metadata = try #require(line["metadata"] as? [String: Any])
                    #expect((metadata["error"] as? String)?.contains("secret detail") == true)
                    #expect(metadata["hb.request.id"] as? String == requestID)
                }
                try await client.execute(uri: TestRoutes.pageFailurePath, method: .get) { response in
                    #expect(response.status == .internalServerError)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(!response.text.contains("secret"))
                }
            }
        }
    }

    @Test("a body larger than BMS_MAX_JSON_BYTES is refused with 413 from its Content-Length")
    func contentTooLargeByLength() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["BMS_MAX_JSON_BYTES": "1024"])
            TestRoutes.add(to: app.router)
            try await app.test { client in
                let body = ByteBuffer(string: #"{"property":""# + String(repeating: "x", count: 2000) + #"","nights":1,"guests":[]}"#)
                try await client.execute(uri: TestRoutes.echoPath, method: .post, body: body) { response in
                    #expect(response.status == .contentTooLarge)
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "content_too_large")
                    #expect(error["message"] as? String == "The request body is larger than the limit of 1024 bytes.")
                }
            }
        }
    }

    @Test("an upload may be larger than a JSON body, up to BMS_MAX_UPLOAD_BYTES")
    func uploadLimit() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["BMS_MAX_JSON_BYTES": "1024", "BMS_MAX_UPLOAD_BYTES": "4096"])
            TestRoutes.add(to: app.router)
            try await app.test { client in
                let image = ByteBuffer(repeating: 0xFF, count: 3000)
                // Within the upload limit: it reaches the route (which wants JSON, so 400), not a 413.
                try await client.execute(uri: TestRoutes.echoPath, method: .post, headers: [.contentType: "image/png"], body: image) { response in
                    #expect(response.status == .badRequest)
                }
                let tooBig = ByteBuffer(repeating: 0xFF, count: 5000)
                try await client.execute(uri: TestRoutes.echoPath, method: .post, headers: [.contentType: "image/png"], body: tooBig) { response in
                    #expect(response.status == .contentTooLarge)
                    let error = try response.envelopeError()
                    #expect(error["message"] as? String == "The request body is larger than the limit of 4096 bytes.")
                }
            }
        }
    }

    @Test("a chunked body without Content-Length is stopped with 413 while it is collected")
    func contentTooLargeWhileCollecting() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["BMS_MAX_JSON_BYTES": "1024"])
            TestRoutes.add(to: app.router)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let response = try RawHTTP.chunkedPost(port: port, path: TestRoutes.echoPath, body: String(repeating: "x", count: 3000))
                #expect(response.status == 413)
                #expect(response.body.contains(#""code":"content_too_large""#))
                #expect(response.body.contains(#""success":false"#))
            }
        }
    }

    @Test("a body that decodes answers in the success envelope")
    func successEnvelope() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            TestRoutes.add(to: app.router)
            try await app.test { client in
                let body = ByteBuffer(string: #"{"property":"p1","nights":3,"guests":[{"name":"Asha","age":24}]}"#)
                try await client.execute(uri: TestRoutes.echoPath, method: .post, body: body) { response in
                    #expect(response.status == .created)
                    let object = try response.json()
                    #expect(object["success"] as? Bool == true)
                    let data = try #require(object["data"] as? [String: Any])
                    #expect(data["nights"] as? Int == 3)
                }
            }
        }
    }

    @Test(
        "a body that does not fit answers 422 naming the field",
        arguments: [
            (#"{"property":"p1","nights":"three","guests":[]}"#, "nights", "must be an integer"),
            (#"{"property":"p1","guests":[]}"#, "nights", "is required"),
            (#"{"property":null,"nights":1,"guests":[]}"#, "property", "must not be null"),
            (#"{"property":"p1","nights":1,"guests":[{"name":"Asha","age":"old"}]}"#, "guests[0].age", "must be an integer"),
            (#"{"property":"p1","nights":1,"guests":[{"age":3}]}"#, "guests[0].name", "is required"),
            (#"{"property":"p1","nights":1,"guests":{}}"#, "guests", "must be an array"),
            (#"{"property":"p1","nights":1,"guests":[7]}"#, "guests[0]", "must be an object"),
        ])
    func validation(body: String, field: String, problem: String) async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            TestRoutes.add(to: app.router)
            try await app.test { client in
                try await client.execute(uri: TestRoutes.echoPath, method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent)
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "validation_failed")
                    #expect(error["fields"] as? [String: String] == [field: problem])
                    #expect((error["message"] as? String)?.contains(field) == true)
                }
            }
        }
    }

    @Test("a body that is not JSON answers 400 invalid_json")
    func invalidJSON() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            TestRoutes.add(to: app.router)
            try await app.test { client in
                try await client.execute(uri: TestRoutes.echoPath, method: .post, body: ByteBuffer(string: "{not json")) { response in
                    #expect(response.status == .badRequest)
                    let error = try response.envelopeError()
                    #expect(error["code"] as? String == "invalid_json")
                }
            }
        }
    }
}

@Suite("Error mapping: what each error means in HTTP")
struct ErrorMappingTests {
    private func mapped(_ error: any Error) -> APIError { APIError(mapping: error, requestID: "r1") }

    @Test("store errors map to their HTTP meaning; internal ones hide their details")
    func storeErrors() {
        let id = ObjectID()
        #expect(mapped(StoreError.uniqueViolation(collection: "users", field: "email")).status == .conflict)
        #expect(mapped(StoreError.uniqueViolation(collection: "users", field: "email")).fields == ["email": "is already taken"])
        #expect(mapped(StoreError.duplicateID(collection: "users", id: id)).status == .conflict)
        #expect(mapped(StoreError.recordNotFound(collection: "users", id: id)) == .notFound)
        #expect(mapped(StoreError.mapFull(maximumBytes: 1)).status.code == 507)
        #expect(mapped(StoreError.closed).status == .serviceUnavailable)
        #expect(mapped(StoreError.invalidCoordinates(latitude: 91, longitude: 0)).status == .unprocessableContent)
        #expect(mapped(StoreError.invalidGeoQuery("negative radius")).status == .unprocessableContent)
        for hidden in [
            StoreError.lmdb(operation: "mdb_put", code: 5), .corrupt(table: "users", reason: "short"),
            .cannotOpen(path: "/x", reason: "y"), .notOurFile(path: "/x", reason: "y"),
            .newerSchema(path: "/x", found: 2, supported: 1), .unknownTable("t"),
        ] {
            #expect(mapped(hidden) == .internalError(requestID: "r1"))
        }
    }

    @Test("Hummingbird's HTTP errors keep their status; a 5xx message is replaced")
    func httpErrors() {
        #expect(mapped(HTTPError(.notFound)) == .notFound)
        let forbidden = mapped(HTTPError(.forbidden, message: "Owners only."))
        #expect(forbidden.status == .forbidden && forbidden.code == "forbidden" && forbidden.message == "Owners only.")
        #expect(mapped(HTTPError(.badGateway, message: "upstream said x")) == .internalError(requestID: "r1"))
        #expect(mapped(HTTPError(.contentTooLarge)) == .contentTooLarge(limit: nil))
        #expect(mapped(TestRoutes.DiskOnFire()) == .internalError(requestID: "r1"))
    }

    @Test("an APIError passes through unchanged")
    func apiErrors() {
        let error = APIError.rateLimited(retryAfterSeconds: 7)
        #expect(mapped(error) == error)
        #expect(error.headers[.retryAfter] == "7")
    }
}
