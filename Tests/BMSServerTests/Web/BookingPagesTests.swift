import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Booking pages: the booking form, paying, my bookings, cancelling and the owner's answer")
struct BookingPagesTests {
    /// ₹8,000 a month per bed for 31 nights is ₹8,266.67 rent; with the ₹10,000 deposit, ₹18,266.67.
    static let from = "2030-01-10"
    static let to = "2030-02-10"
    static let total = "₹18,266.67"
    static let totalPaise = "1826667"

    /// The browser cookies of a session.
    static func cookies(_ session: AccountSession) -> [String: String] {
        [SessionCookies.access: session.accessToken, SessionCookies.csrf: session.csrfToken]
    }

    /// Runs `body` against a fresh application (rate limits off, `environment` added) with a listed room,
    /// its owner and a seeker; `instantBook` sets the property's.
    static func withScene(
        environment: [String: String] = [:], instantBook: Bool? = nil, room: [String: Int] = [:],
        _ body: @Sendable @escaping (any TestClientProtocol, Bookings.Scene) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"].merging(environment) { $1 })
            let dependencies = test.dependencies
            try await test.test { client in
                let scene = try await Bookings.Scene(dependencies, client, property: instantBook.map { ["instantBook": $0] } ?? [:], room: room)
                try await body(client, scene)
            }
        }
    }

    /// Posts a page's form as `session`, with its CSRF field unless `csrf` is false.
    static func post(
        _ client: some TestClientProtocol, _ uri: String, as session: AccountSession, _ fields: [(String, String)], csrf: Bool = true
    ) async throws -> TestResponse {
        let body = Browser.form((csrf ? [("csrf_token", session.csrfToken)] : []) + fields)
        return try await client.execute(uri: uri, method: .post, headers: Browser.formHeaders(cookies: cookies(session)), body: body)
    }

    /// Books the scene's room through the form at the quoted total; returns the booking's id.
    static func book(_ client: some TestClientProtocol, _ scene: Bookings.Scene, from: String = Self.from, to: String = Self.to) async throws
        -> String
    {
        let form = try await Browser.page(client, "/book?room=\(scene.room)&from=\(from)&to=\(to)", cookies: cookies(scene.seeker))
        let total = try #require(form.firstMatch(of: /name="totalAmount" value="(\d+)"/)?.1)
        let response = try await post(
            client, "/book", as: scene.seeker, [("room", scene.room), ("from", from), ("to", to), ("beds", "1"), ("totalAmount", String(total))])
        #expect(response.status == .seeOther, "\(response.text)")
        let location = try #require(response.headers[.location])
        return try #require(location.firstMatch(of: /\/bookings\/([0-9a-f]{24})\?booked=1/)).1.description
    }

    /// Pays on the demo checkout page with `card`; returns the checkout path.
    static func pay(_ client: some TestClientProtocol, _ scene: Bookings.Scene, _ booking: String, card: String) async throws -> (
        TestResponse, String
    ) {
        let started = try await post(client, "/bookings/\(booking)/pay", as: scene.seeker, [])
        #expect(started.status == .seeOther, "\(started.text)")
        let checkout = try #require(started.headers[.location])
        #expect(checkout.hasPrefix("/pay/"))
        let intent = try #require(checkout.firstMatch(of: /\/pay\/([^?]+)\?secret=(.+)/))
        let secret = try #require(String(intent.2).removingPercentEncoding)
        let paid = try await client.execute(
            uri: "/pay/\(intent.1)", method: .post, headers: Browser.formHeaders(), body: Browser.form([("secret", secret), ("card", card)]))
        return (paid, checkout)
    }

    @Test("anonymous visitors are sent to log in and back; owners get a designed 403 page; the header links My bookings")
    func roles() async throws {
        try await Self.withScene { client, scene in
            try await client.execute(uri: "/book?room=\(scene.room)&from=\(Self.from)", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fbook%3Froom%3D\(scene.room)%26from%3D\(Self.from)")
            }
            try await client.execute(uri: "/bookings", method: .get) { response in
                #expect(response.headers[.location] == "/login?next=%2Fbookings")
            }
            // A session that ended while the form was open: after logging in, the same form, filled in.
            let posted = Browser.form([("room", scene.room), ("from", Self.from), ("to", Self.to), ("beds", "2"), ("totalAmount", "1")])
            try await client.execute(uri: "/book", method: .post, headers: Browser.formHeaders(), body: posted) { response in
                #expect(response.status == .seeOther)
                let next = "/book?room=\(scene.room)&from=\(Self.from)&to=\(Self.to)&beds=2"
                #expect(response.headers[.location] == "/login?" + QueryString.encode([("next", next)]))
            }
            let refused = try await Browser.page(client, "/book?room=\(scene.room)", cookies: Self.cookies(scene.owner), status: .forbidden)
            #expect(refused.contains("Only seekers book beds."))
            let form = try await Browser.page(client, "/book?room=\(scene.room)", cookies: Self.cookies(scene.seeker))
            #expect(form.contains(#"<a href="/bookings">My bookings</a>"#))
            #expect(form.contains("Choose the dates and beds"), "no dates, no quote yet")
            _ = try await Browser.page(
                client, "/book?room=\(String(repeating: "0", count: 24))", cookies: Self.cookies(scene.seeker), status: .notFound)
        }
    }

    @Test("the form shows the server's quote; refusals keep the input next to the fields; a changed price is shown before booking")
    func bookingForm() async throws {
        try await Self.withScene { client, scene in
            let form = try await Browser.page(client, "/book?room=\(scene.room)&from=\(Self.from)&to=\(Self.to)", cookies: Self.cookies(scene.seeker))
            #expect(form.contains("₹8,266.67") && form.contains("₹10,000"))
            #expect(form.contains(#"<strong data-quote-field="total">\#(Self.total)</strong>"#))
            #expect(form.contains(#"name="totalAmount" value="\#(Self.totalPaise)""#))
            #expect(form.contains("Moderate: the rent comes back in full if you cancel at least 5 days before check-in."))
            let fields = [
                ("room", scene.room), ("from", Self.from), ("to", "2030-01-05"), ("beds", "9"), ("specialRequests", "Ground floor, please"),
            ]
            let refused = try await Self.post(client, "/book", as: scene.seeker, fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="to-error""#) && refused.text.contains("Must be after the check-in date."))
            #expect(refused.text.contains("Ground floor, please") && refused.text.contains(#"value="9""#))
            let beds = try await Self.post(
                client, "/book", as: scene.seeker, [("room", scene.room), ("from", Self.from), ("to", Self.to), ("beds", "3")])
            #expect(beds.status == .unprocessableContent)
            #expect(beds.text.contains(#"id="beds-error""#) && beds.text.contains("The room has 2 bed(s)."))
            let unseen = [("room", scene.room), ("from", Self.from), ("to", Self.to), ("beds", "2"), ("totalAmount", Self.totalPaise)]
            let changed = try await Self.post(client, "/book", as: scene.seeker, unseen)
            #expect(changed.status == .conflict)
            #expect(changed.text.contains("The price for these dates and beds is ₹36,533.33. Check it and press Book again."))
            let past = try await Self.post(
                client, "/book", as: scene.seeker,
                [("room", scene.room), ("from", "2020-01-01"), ("to", "2020-01-05"), ("beds", "1"), ("totalAmount", "1106667")])
            #expect(past.status == .unprocessableContent)
            #expect(past.text.contains(#"id="from-error""#), "\(past.text)")
            let noToken = try await Self.post(client, "/book", as: scene.seeker, unseen, csrf: false)
            #expect(noToken.status == .forbidden)
            #expect(noToken.text.contains("This form is out of date"))
        }
    }

    @Test(
        "booking leads to the booking page; paying goes to the demo checkout; a declined card shows there and on the booking; paying again confirms")
    func bookAndPay() async throws {
        try await Self.withScene(instantBook: true) { client, scene in
            let id = try await Self.book(client, scene)
            let held = try await Browser.page(client, "/bookings/\(id)?booked=1", cookies: Self.cookies(scene.seeker))
            #expect(held.contains("Waiting for payment") && held.contains("Pay \(Self.total)") && held.contains("Your beds are held until"))
            #expect(held.contains("Thu, 10 Jan 2030") && held.contains("Sun, 10 Feb 2030"))
            let (declined, _) = try await Self.pay(client, scene, id, card: "4000 0000 0000 0002")
            #expect(declined.status == .paymentRequired)
            #expect(declined.text.contains(#"id="card-error""#))
            let failed = try await Browser.page(client, "/bookings/\(id)", cookies: Self.cookies(scene.seeker))
            #expect(failed.contains("Payment failed") && failed.contains("The last payment failed:") && failed.contains("Pay \(Self.total)"))
            let (paid, checkout) = try await Self.pay(client, scene, id, card: "4242 4242 4242 4242")
            #expect(paid.status == .seeOther)
            let receipt = try await Browser.page(client, checkout)
            #expect(receipt.contains("Payment received") && receipt.contains(#"href="/bookings/\#(id)""#))
            let confirmed = try await Browser.page(client, "/bookings/\(id)", cookies: Self.cookies(scene.seeker))
            #expect(confirmed.contains(#"<p class="booking-status" id="booking-status">Confirmed</p>"#))
            #expect(!confirmed.contains("Pay \(Self.total)"))
            let again = try await Self.post(client, "/bookings/\(id)/pay", as: scene.seeker, [])
            #expect(again.status == .conflict)
        }
    }

    @Test("my bookings lists the seeker's own and the owner's of their properties; others get 404 for a booking")
    func myBookings() async throws {
        try await Self.withScene { client, scene in
            let empty = try await Browser.page(client, "/bookings", cookies: Self.cookies(scene.seeker))
            #expect(empty.contains("No bookings yet."))
            let id = try await Self.book(client, scene)
            for session in [scene.seeker, scene.owner] {
                let list = try await Browser.page(client, "/bookings", cookies: Self.cookies(session))
                #expect(list.contains(#"href="/bookings/\#(id)""#) && list.contains("Green Nest PG") && list.contains(Self.total))
            }
            let stranger = try await Accounts.register(client, firstName: "Ajay")
            _ = try await Browser.page(client, "/bookings/\(id)", cookies: Self.cookies(stranger), status: .notFound)
            let strangersPay = try await Self.post(client, "/bookings/\(id)/pay", as: stranger, [])
            #expect(strangersPay.status == .notFound)
        }
    }

    @Test("cancelling shows the refund quote first, then cancels and refunds it at once")
    func cancel() async throws {
        try await Self.withScene(instantBook: true) { client, scene in
            let id = try await Self.book(client, scene)
            _ = try await Self.pay(client, scene, id, card: "4242424242424242")
            let page = try await Browser.page(client, "/bookings/\(id)", cookies: Self.cookies(scene.seeker))
            #expect(page.contains(#"href="/bookings/\#(id)/cancel""#))
            let quote = try await Browser.page(client, "/bookings/\(id)/cancel", cookies: Self.cookies(scene.seeker))
            #expect(quote.contains(#"<strong id="refund-amount">\#(Self.total)</strong> of the \#(Self.total) paid is refunded"#))
            let long = try await Self.post(client, "/bookings/\(id)/cancel", as: scene.seeker, [("reason", String(repeating: "x", count: 501))])
            #expect(long.status == .unprocessableContent && long.text.contains(#"id="reason-error""#))
            let cancelled = try await Self.post(client, "/bookings/\(id)/cancel", as: scene.seeker, [("reason", "Plans changed")])
            #expect(cancelled.status == .seeOther)
            #expect(cancelled.headers[.location] == "/bookings/\(id)?cancelled=1")
            let after = try await Browser.page(client, "/bookings/\(id)?cancelled=1", cookies: Self.cookies(scene.seeker))
            #expect(after.contains("The booking is cancelled.") && after.contains(#"<dd id="refunded">\#(Self.total)</dd>"#))
            #expect(after.contains("Plans changed") && !after.contains("/cancel\""))
            _ = try await Browser.page(client, "/bookings/\(id)/cancel", cookies: Self.cookies(scene.seeker), status: .conflict)
        }
    }

    @Test("the owner of an approval-required property confirms a paid request, or declines it with a reason and it is refunded")
    func ownerDecides() async throws {
        try await Self.withScene(instantBook: false) { client, scene in
            let first = try await Self.book(client, scene)
            let waiting = try await Browser.page(client, "/bookings/\(first)", cookies: Self.cookies(scene.owner))
            #expect(waiting.contains("You can confirm once the seeker has paid.") && !waiting.contains("Pay \(Self.total)"))
            _ = try await Self.pay(client, scene, first, card: "4242424242424242")
            let paid = try await Browser.page(client, "/bookings/\(first)", cookies: Self.cookies(scene.seeker))
            #expect(paid.contains("Paid, waiting for the owner to confirm") && !paid.contains("Confirm the booking"))
            let asked = try await Browser.page(client, "/bookings/\(first)", cookies: Self.cookies(scene.owner))
            #expect(asked.contains("Confirm the booking") && asked.contains("Decline the booking"))
            let noReason = try await Self.post(client, "/bookings/\(first)/decision", as: scene.owner, [("decision", "rejected"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains(#"id="reason-error""#) && noReason.text.contains("Is required when rejecting."))
            let declined = try await Self.post(
                client, "/bookings/\(first)/decision", as: scene.owner, [("decision", "rejected"), ("reason", "Under repair")])
            #expect(declined.status == .seeOther)
            let seen = try await Browser.page(client, "/bookings/\(first)", cookies: Self.cookies(scene.seeker))
            #expect(seen.contains("Declined by the owner") && seen.contains("Under repair") && seen.contains("Refunded"))
            let second = try await Self.book(client, scene, from: "2030-03-01", to: "2030-03-31")
            _ = try await Self.pay(client, scene, second, card: "4242424242424242")
            let confirmed = try await Self.post(client, "/bookings/\(second)/decision", as: scene.owner, [("decision", "confirmed")])
            #expect(confirmed.status == .seeOther)
            let page = try await Browser.page(client, "/bookings/\(second)", cookies: Self.cookies(scene.seeker))
            #expect(page.contains(#"id="booking-status">Confirmed</p>"#))
            let seekerDecides = try await Self.post(
                client, "/bookings/\(second)/decision", as: scene.seeker, [("decision", "rejected"), ("reason", "x")])
            #expect(seekerDecides.status == .forbidden)
        }
    }

    @Test("with Stripe but no STRIPE_PUBLISHABLE_KEY, paying in the browser says honestly what is missing (501)")
    func stripeWithoutPublishableKey() async throws {
        try await Self.withScene(environment: ["STRIPE_SECRET_KEY": "sk_test_123456789", "STRIPE_WEBHOOK_SECRET": "whsec_test"]) { client, scene in
            let id = try await Self.book(client, scene)
            let response = try await Self.post(client, "/bookings/\(id)/pay", as: scene.seeker, [])
            #expect(response.status == .notImplemented)
            #expect(response.text.contains("Paying with Stripe in the browser needs STRIPE_PUBLISHABLE_KEY"))
            #expect(response.text.contains(#"href="/bookings/\#(id)""#))
            #expect(!response.text.contains("js.stripe.com"))
        }
    }
}
