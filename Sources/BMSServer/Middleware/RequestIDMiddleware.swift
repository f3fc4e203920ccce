import BMSStore
import HTTPTypes
import Hummingbird
import Synchronization

/// Gives every request an id: the caller's `X-Request-Id` when it is 1–64 safe characters (so a proxy's
/// id follows the request through), otherwise a fresh one, unique to this request. The id goes into the
/// context, into every log line of the request (as Hummingbird's `hb.request.id` metadata, which
/// `context.id` also reads) and back to the client in the `X-Request-Id` response header.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[.xRequestID].flatMap(Self.accepted) ?? Self.generate()
        context.requestID = id
        context.logger[metadataKey: "hb.request.id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.xRequestID] = id
        return response
    }

    /// The incoming id if it is safe to log and echo: 1–64 of `A-Z a-z 0-9 . _ : -`.
    static func accepted(_ incoming: String) -> String? {
        let safe =
            (1...64).contains(incoming.utf8.count)
            && incoming.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
                    UInt8(ascii: "-"):
                    true
                default: false
                }
            }
        return safe ? incoming : nil
    }

    /// 32 hex digits: 64 random bits drawn once per process, then a count of the ids made. An id tells
    /// one request's log lines from another's, which takes uniqueness, not secrecy: drawing 128 fresh
    /// bits per request cost a system call and 3 % of every request.
    static func generate() -> String {
        let count = issued.wrappingAdd(1, ordering: .relaxed).oldValue
        return withUnsafeBytes(of: (processBits.bigEndian, count.bigEndian)) { Hex.string($0) }
    }

    private static let processBits = UInt64.random(in: .min ... .max)
    private static let issued = Atomic<UInt64>(0)
}
