import Hummingbird
import Prometheus

/// `/metrics`: every metric of this application in the Prometheus text format 0.0.4. Store gauges and the
/// search cache's figures are read at scrape time.
struct MetricsController {
    let registry: PrometheusCollectorRegistry
    let storeMetrics: StoreMetrics
    let searchCacheMetrics: SearchCacheMetrics

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/metrics", use: scrape)
    }

    func scrape(request: Request, context: AppRequestContext) -> Response {
        storeMetrics.update()
        searchCacheMetrics.update()
        let body = ByteBuffer(bytes: registry.emitToBuffer())
        return Response(
            status: .ok,
            headers: [.contentType: Self.contentType, .cacheControl: "no-store", .contentLength: String(body.readableBytes)],
            body: .init(byteBuffer: body))
    }
}
