import BMSStore
import Hummingbird
import Logging

/// `/health` says the process is alive; `/ready` says it can serve: the data store is open and migrated
/// (`Store.open` migrates before returning, so an open store is a migrated one).
struct HealthController {
    let store: Store

    struct Health: ResponseEncodable {
        let status: String
        let version: String
    }

    struct Readiness: ResponseEncodable {
        let status: String
        let schemaVersion: Int?
        let reason: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health", use: health)
        router.get("/ready", use: ready)
    }

    func health(request: Request, context: AppRequestContext) -> EditedResponse<Health> {
        EditedResponse(headers: [.cacheControl: "no-store"], response: Health(status: "ok", version: AppVersion.current))
    }

    /// Opens a read transaction to prove the store answers; 503 with a reason when it does not.
    func ready(request: Request, context: AppRequestContext) -> EditedResponse<Readiness> {
        do {
            try store.read { _ in }
            return EditedResponse(
                headers: [.cacheControl: "no-store"],
                response: Readiness(status: "ready", schemaVersion: store.schema.version, reason: nil))
        } catch {
            context.logger.warning("not ready", metadata: ["error": .string(String(describing: error))])
            return EditedResponse(
                status: .serviceUnavailable, headers: [.cacheControl: "no-store"],
                response: Readiness(status: "unavailable", schemaVersion: nil, reason: "the data store is not open"))
        }
    }
}
