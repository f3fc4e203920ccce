import Hummingbird

/// Who a request comes from, for rate limiting.
enum ClientAddress {
    /// The client's IP address: the last `X-Forwarded-For` entry when the server is told to trust its
    /// proxy (that entry is the one our proxy appended; entries left of it are whatever the client
    /// sent), otherwise the socket's peer. `unknown` when neither exists.
    static func of(_ request: Request, context: AppRequestContext, trustProxy: Bool) -> String {
        if trustProxy, let forwarded = request.headers[values: .xForwardedFor].last,
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return context.peerAddress ?? "unknown"
    }
}
