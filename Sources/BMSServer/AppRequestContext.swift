import Foundation
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
    /// Who sent the request, when it carried a valid access token; set by `AuthenticationMiddleware`
    /// and read through `AccessPolicy` (`requireUser`, `requireRole`, `requireSelfOrAdmin`).
    public var identity: Identity?

    /// JSON with sorted keys: the same answer is the same bytes (a forgot-password answer must not differ
    /// by so much as key order), and responses are easier to compare and cache.
    public var responseEncoder: JSONEncoder { Self.encoder }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
