import Hummingbird
import NIOCore

/// The per-request state every handler and middleware sees. It carries what belongs to this one request
/// only; the server's dependencies live in the controllers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request id (accepted from `X-Request-Id` or generated), set by `RequestIDMiddleware`.
    public var requestID: String = ""
    /// The peer's IP address as the socket sees it; nil when there is no socket (router tests).
    public let peerAddress: String?
    /// The largest body this request may send; `RequestBodyLimitMiddleware` sets it from the
    /// configuration, and body collection (`Request.decodeJSON`) enforces it.
    public var maxUploadSize: Int = 1 << 20

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
