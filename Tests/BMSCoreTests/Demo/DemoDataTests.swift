import BMSPayments
import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Demo data: the brief's seed set, through the real services")
struct DemoDataTests {
    @Test func seedsEveryRoleAndEveryBookingStateOnce() async throws {
        let fixture = try ListingsFixture()
        let clock = fixture.clock
        let store = fixture.store
        let events = DomainEvents()
        let demo = DemoData(
            accounts: fixture.accounts.accounts, listings: fixture.listings,
            makeServices: { now in
                let bookings = try BookingService(store: store, events: events, now: now)
                let provider = try DemoPaymentProvider(store: store, webhookSecret: "whsec_demo", siteURL: "http://127.0.0.1:8080", now: now)
                return (bookings, try PaymentService(store: store, provider: provider, bookings: bookings, now: now))
            },
            now: { clock.now }
        )
        let summary = try #require(try await demo.seedIfEmpty())
        #expect(summary == DemoData.Summary(users: 24, properties: 10, rooms: 17, bookings: 30))
        #expect(try await demo.seedIfEmpty() == nil)

        let admin = try await fixture.accounts.accounts.login(email: DemoData.adminEmail, password: DemoData.password, clientAddress: "127.0.0.1")
            .user
        let page = try fixture.listings.search(SearchQuery())
        #expect(page.total == 7)
        #expect(try fixture.listings.properties(withStatus: .pending, by: admin, limit: 10).count == 2)
        #expect(try fixture.listings.properties(withStatus: .rejected, by: admin, limit: 10).count == 1)

        let bookings = try BookingService(store: store, events: events, now: { clock.now })
        let provider = try DemoPaymentProvider(store: store, webhookSecret: "whsec_demo", siteURL: "http://127.0.0.1:8080", now: { clock.now })
        let payments = try PaymentService(store: store, provider: provider, bookings: bookings, now: { clock.now })
        var statuses: [BookingStatus: Int] = [:]
        var paid = 0
        for index in 1...20 {
            let seeker = try await fixture.accounts.accounts.login(
                email: "seeker\(index)@bookmysleep.demo", password: DemoData.password, clientAddress: "127.0.0.1"
            ).user
            for booking in try bookings.bookings(ofUser: seeker.id, viewer: seeker, limit: 100) {
                statuses[booking.status, default: 0] += 1
                // Every paid booking has its payment, and every refund due has been made.
                #expect(booking.refundDue == .zero)
                guard booking.paymentStatus != .pending else { continue }
                let payment = try #require(try payments.payment(of: booking.id, by: admin))
                #expect(payment.status == .succeeded)
                #expect(payment.refunded == booking.amountRefunded)
                paid += 1
            }
        }
        #expect(statuses == [.completed: 6, .confirmed: 8, .pending: 7, .rejected: 3, .cancelled: 6])
        #expect(paid == 22)
        try fixture.expectClean()
    }
}
