import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("/metrics in the Prometheus text format")
struct MetricsTests {
    @Test("the scrape parses strictly and counts exactly the requests sent, labelled by route pattern")
    func counts() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                for _ in 0..<3 { try await client.execute(uri: "/health", method: .get) { _ in } }
                try await client.execute(uri: "/assets/css/site.css", method: .get) { _ in }
                try await client.execute(uri: "/assets/images/logo.svg", method: .get) { _ in }
                try await client.execute(uri: "/api/nothing-here", method: .get) { _ in }
                try await client.execute(uri: "/api/openapi.json", method: .patch) { _ in }

                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                    let metrics = try PrometheusText(response.text)
                    #expect(metrics.types["http_requests_total"] == "counter")
                    #expect(metrics.types["http_request_duration_seconds"] == "histogram")
                    #expect(metrics.help["http_requests_total"] != nil)

                    func requests(_ method: String, _ route: String, _ status: String) -> Double? {
                        metrics.value("http_requests_total", ["method": method, "route": route, "status": status])
                    }
                    #expect(requests("GET", "/health", "200") == 3)
                    #expect(requests("GET", "/assets/**", "200") == 2)
                    #expect(requests("GET", "NotFound", "404") == 1)
                    #expect(requests("PATCH", "/api/openapi.json", "405") == 1)
                    // Only what the test sent: the scrape itself is counted after it is answered.
                    let total = metrics.samples.filter { $0.name == "http_requests_total" }.reduce(0) { $0 + $1.value }
                    #expect(total == 7)
                    #expect(!metrics.samples.contains { $0.labels["route"]?.contains("site.css") == true })

                    let histogramCount = metrics.value(
                        "http_request_duration_seconds_count", ["method": "GET", "route": "/health", "status": "200"])
                    #expect(histogramCount == 3)

                    for gauge in ["bms_lmdb_map_used_bytes", "bms_lmdb_map_size_bytes", "bms_lmdb_map_max_bytes"] {
                        #expect(metrics.types[gauge] == "gauge")
                        #expect((metrics.value(gauge) ?? 0) > 0, "\(gauge)")
                    }
                    let used = try #require(metrics.value("bms_lmdb_map_used_bytes"))
                    let size = try #require(metrics.value("bms_lmdb_map_size_bytes"))
                    let maximum = try #require(metrics.value("bms_lmdb_map_max_bytes"))
                    #expect(used <= size && size <= maximum)
                }
            }
        }
    }

    @Test("the search cache's hits, misses and entries: the first search misses, the same again hits, another misses")
    func searchCache() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                for uri in ["/api/properties?city=Pune", "/api/properties?city=Pune", "/api/properties?city=Agra"] {
                    try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok) }
                }
                for scrape in 1...2 {
                    try await client.execute(uri: "/metrics", method: .get) { response in
                        let metrics = try PrometheusText(response.text)
                        #expect(metrics.types["bms_search_cache_lookups_total"] == "counter")
                        #expect(metrics.types["bms_search_cache_entries"] == "gauge")
                        #expect(metrics.types["bms_search_snapshot_listings"] == "gauge")
                        // Scraping twice reports the same totals: each scrape adds only what happened since the last.
                        #expect(metrics.value("bms_search_cache_lookups_total", ["outcome": "hit"]) == 1, "scrape \(scrape)")
                        #expect(metrics.value("bms_search_cache_lookups_total", ["outcome": "miss"]) == 2, "scrape \(scrape)")
                        #expect(metrics.value("bms_search_cache_entries") == 2, "scrape \(scrape)")
                        #expect(metrics.value("bms_search_snapshot_listings") == 0, "no listings, none in the snapshot")
                    }
                }
            }
        }
    }

    @Test("the test's parser rejects malformed exposition text")
    func parserIsStrict() {
        let bad = [
            "http_requests_total 1\n",  // sample of an undeclared family
            "# TYPE x counter\nx{a=\"1\" 2\n",  // unterminated labels
            "# TYPE x counter\nx 1",  // no final newline
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 2\n",  // not ascending
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",  // no +Inf
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n",  // count differs
        ]
        for text in bad {
            #expect(throws: PrometheusText.Invalid.self, "\(text)") { try PrometheusText(text) }
        }
        #expect(throws: Never.self) {
            try PrometheusText("# HELP h Help.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1.5\nh_count 2\n")
        }
    }
}
