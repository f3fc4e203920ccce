import BMSStore
import Logging
import ServiceLifecycle

/// Keeps the data store open while the application runs and closes it on shutdown.
///
/// It is the first service of the application, and a service group shuts its services down in reverse
/// order, waiting for each: the HTTP server stops and finishes its in-flight requests before the store
/// is closed under them.
struct StoreService: Service {
    let store: Store
    let logger: Logger

    func run() async throws {
        // Returns on graceful shutdown; throws on cancellation. Either way the store must be closed.
        try? await gracefulShutdown()
        store.close()
        logger.info("data store closed", metadata: ["path": .string(store.path)])
    }
}
