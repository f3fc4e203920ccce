import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Maps: MAP_TILE_URL, the tile origin in the CSP, Leaflet compiled in, and the pages' map hooks")
struct MapTests {
    /// Where Debian's libjs-leaflet keeps the files the build compiles in.
    static let leaflet = "/usr/share/javascript/leaflet/"

    @Test("the default tiles are OpenStreetMap's, credited on the map")
    func defaultTiles() throws {
        let tiles = try AppConfiguration(environment: [:]).mapTiles
        #expect(tiles.template == "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        #expect(tiles.origin == "https://tile.openstreetmap.org")
        #expect(tiles.attribution == "© OpenStreetMap contributors")
    }

    @Test(
        "MAP_TILE_URL takes an http(s) template; {s} may lead the host and becomes a CSP wildcard",
        arguments: [
            ("https://tiles.example.com/osm/{z}/{x}/{y}.png", "https://tiles.example.com"),
            ("http://127.0.0.1:8081/{z}/{x}/{y}.png?style=light", "http://127.0.0.1:8081"),
            ("https://{s}.tile.example.org/{z}/{x}/{y}{r}.png", "https://*.tile.example.org"),
        ])
    func customTiles(template: String, origin: String) throws {
        let tiles = try AppConfiguration(environment: ["MAP_TILE_URL": template]).mapTiles
        #expect(tiles.template == template)
        #expect(tiles.origin == origin)
        #expect(tiles.attribution.hasPrefix("Map tiles: "))
    }

    @Test(
        "a MAP_TILE_URL that is no usable template stops start-up naming the variable",
        arguments: [
            "tile.openstreetmap.org/{z}/{x}/{y}.png", "ftp://tiles.example.com/{z}/{x}/{y}.png", "https://tiles.example.com/{z}/{x}.png",
            "https://tiles.example.com/{z}/{x}/{y}.png?key={accessToken}", "https://tiles.{s}.example.com/{z}/{x}/{y}.png",
            "https://tiles.example.com/{s}/{z}/{x}/{y}.png", "https:///{z}/{x}/{y}.png",
        ])
    func invalidTiles(template: String) throws {
        #expect {
            try AppConfiguration(environment: ["MAP_TILE_URL": template])
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.source == "MAP_TILE_URL" && error?.problem.contains("{z}, {x} and {y}") == true
                && error?.problem.contains(template) == true
        }
    }

    @Test("the CSP lets images load from the configured tile origin and no other, and pages hand the template to scripts")
    func tileOriginInPolicy() async throws {
        let template = "https://{s}.tiles.example.net/{z}/{x}/{y}.png"
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory, environment: ["MAP_TILE_URL": template]).test { client in
                try await client.execute(uri: "/", method: .get) { response in
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(policy.contains("img-src 'self' data: https://*.tiles.example.net;"))
                    #expect(!policy.contains("https:;") && !policy.contains("openstreetmap"))
                    #expect(!policy.contains("stripe"))
                    #expect(response.text.contains(#"data-map-tiles="\#(template)""#))
                    #expect(response.text.contains(#"data-map-attribution="Map tiles: a.tiles.example.net""#))
                }
            }
        }
    }

    @Test(
        "Leaflet is compiled in from libjs-leaflet and served under /assets/vendor/leaflet with its content type",
        arguments: [
            ("leaflet.js", "text/javascript; charset=utf-8"), ("leaflet.css", "text/css; charset=utf-8"),
            ("images/marker-icon.png", "image/png"), ("images/marker-shadow.png", "image/png"),
        ])
    func leafletServed(file: String, type: String) async throws {
        let onDisk = Array(try Data(contentsOf: URL(filePath: Self.leaflet + file)))
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                try await client.execute(uri: "/assets/vendor/leaflet/\(file)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == type)
                    #expect(response.headers[.cacheControl] == "public, max-age=3600")
                    #expect(Array(response.body.readableBytesView) == onDisk)
                }
                // Only the files the pages use: no source maps or pre-compressed copies.
                try await client.execute(uri: "/assets/vendor/leaflet/leaflet.js.map", method: .get) { response in
                    #expect(response.status == .notFound)
                }
            }
        }
    }

    @Test("with --assets DIR, Leaflet still comes from the binary (the folder holds only our own files)")
    func leafletWithAssetsFolder() async throws {
        try await withTemporaryDirectory { directory in
            let flags = ConfigurationFlags(assets: SourceTree.root.appending(path: "Assets").path())
            try await TestApp(in: directory, flags: flags).test { client in
                try await client.execute(uri: "/assets/vendor/leaflet/leaflet.js", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                    #expect(response.headers[.cacheControl] == "no-cache")
                }
                try await client.execute(uri: "/assets/js/map.js", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}

@Suite("Map and live-quote hooks on the pages: what the scripts find, with the page complete without them")
struct MapHookPagesTests {
    @Test("results carry each place's point for the map (kept hidden until the script draws it); the property page its point")
    func mapHooks() async throws {
        try await BookingPagesTests.withScene { client, scene in
            let results = try await Browser.page(client, "/search?city=Bengaluru")
            #expect(results.contains(#"data-lat="12.9784" data-lng="77.6408""#), "\(results)")
            #expect(results.contains(#"data-href="/properties/\#(scene.property)""#))
            #expect(results.contains(#"<ul class="results" data-map-results>"#))
            #expect(results.contains(#"id="results-map" role="region" aria-label="Map of these places" hidden>"#))
            #expect(results.contains(#"<script src="/assets/vendor/leaflet/leaflet.js" defer></script>"#))
            #expect(results.contains(#"<button class="button button-secondary" type="button" data-near-me hidden>Near me</button>"#))

            let property = try await Browser.page(client, "/properties/\(scene.property)")
            #expect(property.contains(#"id="property-map" data-map-point data-lat="12.9784" data-lng="77.6408""#))
            #expect(property.contains("The map needs JavaScript; the address above says where the place is."))
            #expect(property.contains(#"<script src="/assets/js/map.js" defer></script>"#))

            // Pages without a map load no Leaflet.
            let home = try await Browser.page(client, "/")
            #expect(!home.contains("leaflet") && home.contains(#"<script src="/assets/js/near-me.js" defer></script>"#))
        }
    }

    @Test("the booking form names the quote API for the live quote; without dates the price card waits hidden")
    func liveQuoteHooks() async throws {
        try await BookingPagesTests.withScene { client, scene in
            let cookies = BookingPagesTests.cookies(scene.seeker)
            let blank = try await Browser.page(client, "/book?room=\(scene.room)", cookies: cookies)
            #expect(blank.contains(#"data-live-quote="/api/rooms/\#(scene.room)/quote""#))
            #expect(blank.contains(#"<div class="booking-card" id="quote" aria-live="polite" hidden>"#))
            #expect(blank.contains(#"name="totalAmount" value="""#))
            #expect(blank.contains(#"<p class="muted" data-quote-hint>"#))

            let quoted = try await Browser.page(
                client, "/book?room=\(scene.room)&from=\(BookingPagesTests.from)&to=\(BookingPagesTests.to)", cookies: cookies)
            #expect(quoted.contains(#"<div class="booking-card" id="quote" aria-live="polite">"#))
            #expect(quoted.contains(#"<strong data-quote-field="total">\#(BookingPagesTests.total)</strong>"#))
            #expect(quoted.contains(#"<p class="muted" data-quote-hint hidden>"#))
            #expect(quoted.contains(#"<span data-quote-field="button"> for \#(BookingPagesTests.total)</span>"#))
        }
    }
}
