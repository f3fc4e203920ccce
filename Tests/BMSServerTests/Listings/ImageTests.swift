import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Listing photos: upload, checks, order and removal")
struct ImageTests {
    static let environment = ["RATE_LIMIT_PER_MIN": "0"]

    /// The digest in a `/media/<digest>` URL.
    static func digest(_ url: String) -> String { String(url.dropFirst("/media/".count)) }

    @Test("several photos in one upload, repeated field or images[], are stored, listed in order and served")
    func upload() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                let path = "/api/properties/\(property)/images"
                let files = [ImageSamples.png(1), ImageSamples.jpeg, ImageSamples.webp]
                let response = try await Listings.upload(client, path, files, as: owner)
                #expect(response.status == .ok, "\(response.text)")
                let urls = try #require(try response.data()["images"] as? [String])
                #expect(urls == files.map { "/media/\(ContentDigest.sha256Hex($0))" })
                let bracketed = Multipart.form(field: "images[]", files: [ImageSamples.png(2)], auth: owner.bearer)
                try await client.execute(uri: path, method: .post, headers: bracketed.headers, body: bracketed.body) { response in
                    let data = try response.data()
                    #expect((data["images"] as? [String])?.count == 4)
                }
                // The same photo again is not added twice.
                let again = try await Listings.upload(client, path, [ImageSamples.jpeg], as: owner).data()
                #expect((again["images"] as? [String])?.count == 4)
                try await client.execute(uri: "/api/properties/\(property)", method: .get, headers: owner.bearer) { response in
                    let data = try response.data()
                    #expect(((data["property"] as? [String: Any])?["images"] as? [String])?.prefix(3) == urls[...])
                }
                try await client.execute(uri: urls[1], method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "image/jpeg")
                }
            }
        }
    }

    @Test("a renamed text file is 422, a file over 5 MiB is 413, the 21st photo is 422, and a failed upload adds nothing")
    func refusedUploads() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                let path = "/api/properties/\(property)/images"
                let text = Multipart.form(field: "images", files: [ImageSamples.png(1), Array("just some text".utf8)], auth: owner.bearer) {
                    "photo\($0).jpg"
                }
                try await client.execute(uri: path, method: .post, headers: text.headers, body: text.body) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields?.keys.sorted() == ["images"])
                }
                let huge = ImageSamples.png + [UInt8](repeating: 0, count: 5 << 20)
                let tooLarge = try await Listings.upload(client, path, [huge], as: owner)
                #expect(tooLarge.status == .contentTooLarge)
                #expect(tooLarge.errorCode == "content_too_large")
                let nothing = Multipart.form(field: "photos", files: [ImageSamples.png], auth: owner.bearer)
                try await client.execute(uri: path, method: .post, headers: nothing.headers, body: nothing.body) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.errorFields?.keys.sorted() == ["images"])
                }
                let twenty = (1...20).map { ImageSamples.png($0) }
                let full = try await Listings.upload(client, path, twenty, as: owner).data()
                #expect((full["images"] as? [String])?.count == 20)
                let twentyFirst = try await Listings.upload(client, path, [ImageSamples.png(21)], as: owner)
                #expect(twentyFirst.status == .unprocessableContent)
                #expect(twentyFirst.errorFields?.keys.sorted() == ["images"])
                try await client.execute(uri: "/api/properties/\(property)", method: .get, headers: owner.bearer) { response in
                    let images = try #require((try response.data()["property"] as? [String: Any])?["images"] as? [String])
                    #expect(images.count == 20 && !images.contains("/media/\(ContentDigest.sha256Hex(ImageSamples.png(21)))"))
                }
            }
        }
    }

    @Test("one upload may carry several files that together exceed the single-file limit")
    func largeBatch() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0", "BMS_MAX_UPLOAD_BYTES": "64KiB"])
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                let files = (1...3).map { ImageSamples.png($0) + [UInt8](repeating: 0, count: 60_000) }
                let response = try await Listings.upload(client, "/api/properties/\(property)/images", files, as: owner)
                #expect(response.status == .ok, "\(response.text)")
                // Each file is still held to BMS_MAX_UPLOAD_BYTES, and other uploads to the whole of it.
                let oversized = [ImageSamples.png(4) + [UInt8](repeating: 0, count: 70_000)]
                #expect(try await Listings.upload(client, "/api/properties/\(property)/images", oversized, as: owner).status == .contentTooLarge)
                let avatar = Multipart.form(field: "avatar", files: files, auth: owner.bearer)
                try await client.execute(uri: "/api/users/\(owner.userID)/avatar", method: .post, headers: avatar.headers, body: avatar.body) {
                    #expect($0.status == .contentTooLarge)
                }
            }
        }
    }

    @Test("the body limit's multi-file routes are the photo upload routes as the router writes them")
    func multiFileRoutes() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory)
            let uploads = Set(app.router.routes.filter { $0.method == .post }.map(\.path.description))
            #expect(ListingImageController.uploadRoutes.isSubset(of: uploads))
        }
    }

    @Test("reordering must name each photo once; removing one deletes its file once nothing uses it")
    func reorderAndRemove() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            try await app.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let property = try await Listings.createProperty(client, owner)
                let room = try await Listings.createRoom(client, owner, property: property)
                let path = "/api/properties/\(property)/images"
                let urls = try #require(
                    try await Listings.upload(client, path, [ImageSamples.png(1), ImageSamples.png(2), ImageSamples.png(3)], as: owner)
                        .data()["images"] as? [String])
                let digests = urls.map(Self.digest)
                let reversed = Accounts.json(["order": Array(digests.reversed())])
                try await client.execute(uri: path, method: .put, headers: owner.bearer, body: reversed) { response in
                    #expect(response.status == .ok)
                    let data = try response.data()
                    #expect(data["images"] as? [String] == urls.reversed())
                }
                let unknown = String(repeating: "a", count: 64)
                for order in [[digests[0], digests[1]], [digests[0], digests[0], digests[1]], [digests[0], digests[1], unknown]] {
                    try await client.execute(uri: path, method: .put, headers: owner.bearer, body: Accounts.json(["order": order])) { response in
                        #expect(response.status == .unprocessableContent)
                        #expect(response.errorFields?.keys.sorted() == ["order"])
                    }
                }
                try await client.execute(uri: path, method: .put, headers: owner.bearer, body: Accounts.json(["order": ["cover.jpg"]])) {
                    #expect($0.status == .unprocessableContent)
                    #expect($0.errorFields?.keys.sorted() == ["order[0]"])
                }

                // The room shares the first photo, so removing it from the property leaves the file.
                #expect(try await Listings.upload(client, "/api/rooms/\(room)/images", [ImageSamples.png(1)], as: owner).status == .ok)
                try await client.execute(uri: "\(path)/\(digests[0])", method: .delete, headers: owner.bearer) { response in
                    let data = try response.data()
                    #expect(data["images"] as? [String] == [urls[2], urls[1]])
                }
                try await client.execute(uri: urls[0], method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/rooms/\(room)/images/\(digests[0])", method: .delete, headers: owner.bearer) { response in
                    let data = try response.data()
                    #expect(data["images"] as? [String] == [])
                }
                try await client.execute(uri: urls[0], method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "\(path)/\(digests[0])", method: .delete, headers: owner.bearer) { response in
                    #expect(response.status == .notFound)
                    #expect(response.errorCode == "not_found")
                }
            }
        }
    }

    @Test("another owner cannot add, reorder or remove photos")
    func ownership() async throws {
        try await withTemporaryDirectory { directory in
            let app = try await TestApp(in: directory, environment: Self.environment)
            let dependencies = app.dependencies
            try await app.test { client in
                let admin = try await Accounts.admin(dependencies, client)
                let owner = try await Accounts.register(client, role: "owner")
                let intruder = try await Accounts.register(client, role: "owner")
                let (property, room) = try await Listings.listed(client, owner: owner, admin: admin)
                for base in ["/api/properties/\(property)/images", "/api/rooms/\(room)/images"] {
                    let url = try #require(try await Listings.upload(client, base, [ImageSamples.png], as: owner).data()["images"] as? [String])[0]
                    #expect(try await Listings.upload(client, base, [ImageSamples.png(9)], as: intruder).status == .forbidden)
                    let order = Accounts.json(["order": [Self.digest(url)]])
                    try await client.execute(uri: base, method: .put, headers: intruder.bearer, body: order) { #expect($0.status == .forbidden) }
                    try await client.execute(uri: "\(base)/\(Self.digest(url))", method: .delete, headers: intruder.bearer) {
                        #expect($0.status == .forbidden)
                    }
                    try await client.execute(uri: url, method: .get) { #expect($0.status == .ok) }
                }
            }
        }
    }
}
