import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Admin verification page: the queue of pending properties, approve, reject with a reason")
struct AdminVerificationPagesTests {
    typealias Pages = BookingPagesTests

    @Test("visitors are sent to log in; owners and seekers get the designed 403")
    func access() async throws {
        try await Pages.withScene { client, scene in
            try await client.execute(uri: "/admin/verification", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fadmin%2Fverification")
            }
            for session in [scene.owner, scene.seeker] {
                let refused = try await Browser.page(client, "/admin/verification", cookies: Pages.cookies(session), status: .forbidden)
                #expect(refused.contains("The verification queue is for admins."))
            }
            let decided = try await Pages.post(client, "/admin/verification/\(scene.property)", as: scene.owner, [("decision", "verified")])
            #expect(decided.status == .forbidden)
        }
    }

    @Test("a queue longer than a page says how many wait and that the oldest are shown")
    func longQueue() async throws {
        try await Pages.withScene { client, scene in
            let pageSize = AdminVerificationPagesController.pageSize
            for index in 0...pageSize {
                _ = try await Listings.createProperty(client, scene.owner, ["propertyName": String(format: "Queue PG %03d", index)])
            }
            let queue = try await Browser.page(client, "/admin/verification", cookies: Pages.cookies(scene.admin))
            #expect(queue.contains("\(pageSize + 1) properties waiting, oldest first"))
            #expect(queue.contains("The oldest \(pageSize) are below; deciding them brings on the rest."))
            #expect(queue.contains(String(format: "Queue PG %03d", pageSize - 1)) && !queue.contains(String(format: "Queue PG %03d", pageSize)))
        }
    }

    @Test("the queue lists pending properties oldest first with their details; a rejection needs its reason; decisions are stored")
    func decide() async throws {
        try await Pages.withScene { client, scene in
            let empty = try await Browser.page(client, "/admin/verification", cookies: Pages.cookies(scene.admin))
            #expect(empty.contains("No properties are waiting for verification."))
            let first = try await Listings.createProperty(client, scene.owner, ["propertyName": "First Come PG"])
            let second = try await Listings.createProperty(client, scene.owner, ["propertyName": "Second Home PG", "rules": ["No pets"]])
            _ = try await Listings.createRoom(client, scene.owner, property: second)
            let queue = try await Browser.page(client, "/admin/verification", cookies: Pages.cookies(scene.admin))
            #expect(queue.contains("2 properties waiting, oldest first") && !queue.contains("The oldest"))
            let firstAt = try #require(queue.range(of: "First Come PG")).lowerBound
            let secondAt = try #require(queue.range(of: "Second Home PG")).lowerBound
            #expect(firstAt < secondAt)
            #expect(queue.contains("12 MG Road, Indiranagar, Bengaluru, Karnataka, 560038, India") && queue.contains("12.9784, 77.6408"))
            #expect(queue.contains("No pets") && queue.contains("Room 101: Double, 2 beds, ₹8,000 a bed a month") && queue.contains("Wi-Fi, Meals"))
            #expect(!queue.contains("Green Nest PG"), "verified properties are not in the queue")

            let noReason = try await Pages.post(client, "/admin/verification/\(second)", as: scene.admin, [("decision", "rejected"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains(#"id="reason-\#(second)-error""#) && !noReason.text.contains(#"id="reason-\#(first)-error""#))
            let noToken = try await Pages.post(client, "/admin/verification/\(second)", as: scene.admin, [("decision", "verified")], csrf: false)
            #expect(noToken.status == .forbidden)

            let rejected = try await Pages.post(
                client, "/admin/verification/\(second)", as: scene.admin, [("decision", "rejected"), ("reason", "Add photos of the rooms")])
            #expect(rejected.status == .seeOther)
            #expect(rejected.headers[.location] == "/admin/verification?rejected=Second%20Home%20PG")
            let approved = try await Pages.post(client, "/admin/verification/\(first)", as: scene.admin, [("decision", "verified")])
            #expect(approved.headers[.location] == "/admin/verification?verified=First%20Come%20PG")
            let admin = try OwnerPagesTests.user(scene.dependencies, scene.admin)
            let stored = { (id: String) in try OwnerPagesTests.property(scene.dependencies, id, viewer: admin).property }
            #expect(try stored(first).verification == .verified)
            #expect(try stored(second).verification == .rejected && stored(second).verificationReason == "Add photos of the rooms")
            let after = try await Browser.page(client, "/admin/verification?verified=First%20Come%20PG", cookies: Pages.cookies(scene.admin))
            #expect(after.contains("First Come PG is verified") && after.contains("No properties are waiting"))
        }
    }
}
