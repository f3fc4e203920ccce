import Hummingbird

@testable import BMSServer

/// Routes that exist only in tests, to drive the error paths no production route reaches yet: a JSON
/// body to decode, and a handler that fails.
enum TestRoutes {
    struct Guest: Codable, Sendable {
        let name: String
        let age: Int
    }

    struct Booking: Codable, Sendable {
        let property: String
        let nights: Int
        let guests: [Guest]
    }

    /// An internal failure whose text must never reach a client.
    struct DiskOnFire: Error, CustomStringConvertible {
        var description: String { "disk /dev/sda1 is on fire (secret detail)" }
    }

    static let echoPath = "/api/test/bookings"
    static let failurePath = "/api/test/failure"
    static let pageFailurePath = "/test/failure"

    static func add(to router: Router<AppRequestContext>) {
        router.post(RouterPath(echoPath)) { request, context in
            APIResponse(try await request.decodeJSON(as: Booking.self, context: context), status: .created)
        }
        router.get(RouterPath(failurePath)) { _, _ -> String in throw DiskOnFire() }
        router.get(RouterPath(pageFailurePath)) { _, _ -> String in throw DiskOnFire() }
    }
}
