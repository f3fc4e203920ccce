import Foundation
import Hummingbird

/// `/api/openapi.json`: the API description. `Assets/openapi.yaml` is written as JSON (which is valid
/// YAML 1.2), so no YAML parser is needed; it is checked and compacted once at start-up.
///
/// The document itself is served bare, not in the `{ success, data }` envelope, so that OpenAPI tools
/// can read it; errors on this route still use the envelope.
struct OpenAPIController {
    let document: ByteBuffer

    static let assetPath = "openapi.yaml"

    /// Reads and checks `openapi.yaml`: a JSON object declaring OpenAPI 3.1 with `info` and `paths`.
    init(source: AssetSource) throws(AssetError) {
        guard let bytes = try source.bytes(at: Self.assetPath) else { throw AssetError.missing(Self.assetPath) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw AssetError.invalidOpenAPI(reason: "it must be written as JSON (valid YAML 1.2): \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], let version = root["openapi"] as? String, version.hasPrefix("3.1"),
            root["info"] is [String: Any], root["paths"] is [String: Any]
        else { throw AssetError.invalidOpenAPI(reason: "expected an object with openapi: 3.1.x, info and paths") }
        do {
            document = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw AssetError.invalidOpenAPI(reason: error.localizedDescription)
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/openapi.json", use: serve)
    }

    func serve(request: Request, context: AppRequestContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache", .contentLength: String(document.readableBytes)],
            body: .init(byteBuffer: document))
    }
}
