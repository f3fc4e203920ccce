import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs `responder` as an HTTP/1.1 server on 127.0.0.1, on a port the system picks, for as long as `body`
/// runs; `body` gets the server's base URL (`http://127.0.0.1:<port>`). The server shuts down gracefully
/// (requests in flight are answered) when `body` returns or throws, so a failing test leaves nothing
/// listening.
public func withLocalHTTPServer<Value>(
    responder: some HTTPResponder<BasicRequestContext>,
    _ body: (URL) async throws -> Value
) async throws -> Value {
    let (ports, announcePort) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "bms.test.local-server")
    logger.logLevel = .warning
    let app = Application(
        responder: responder,
        configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            announcePort.yield(channel.localAddress?.port ?? 0)
            announcePort.finish()
        },
        logger: logger
    )
    let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            // A server that cannot start ends the wait for its port below.
            defer { announcePort.finish() }
            try await services.run()
        }
        guard let port = await ports.first(where: { _ in true }), port > 0 else {
            _ = try await group.next()
            throw LocalHTTPServerError.didNotStart
        }
        do {
            let value = try await body(URL(string: "http://127.0.0.1:\(port)")!)
            await services.triggerGracefulShutdown()
            return value
        } catch {
            await services.triggerGracefulShutdown()
            throw error
        }
    }
}

public enum LocalHTTPServerError: Error {
    case didNotStart
}
