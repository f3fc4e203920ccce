import BMSPayments
import BMSStore
import Foundation
import Synchronization
import Testing

@testable import BMSCore

/// A bookings fixture with the payments domain on the built-in demo provider, wired as the server wires
/// it: the provider's signed events go through signature verification into `PaymentService.handle`.
/// `webhookUp` false makes the webhook refuse deliveries (a server that is down).
final class PaymentsFixture {
    let base: BookingsFixture
    let provider: DemoPaymentProvider
    let payments: PaymentService
    let webhook = WebhookLog()

    static let webhookSecret = "whsec_fixture"

    var clock: TestClock { base.clock }
    var store: Store { base.store }
    var bookings: BookingService { base.bookings }
    var owner: User { base.owner }
    var seeker: User { base.seeker }
    var admin: User { base.admin }

    init(instantBook: Bool = true, policy: String = "flexible") async throws {
        base = try await BookingsFixture(capacity: 2, instantBook: instantBook, policy: policy)
        let clock = base.clock
        provider = try DemoPaymentProvider(store: base.store, webhookSecret: Self.webhookSecret, siteURL: "http://127.0.0.1:8080", now: { clock.now })
        payments = try PaymentService(store: base.store, provider: provider, bookings: base.bookings, now: { clock.now })
        let signature = WebhookSignature(secret: Self.webhookSecret)
        provider.deliverEvents { [payments, webhook] payload, header in
            guard webhook.up.withLock({ $0 }) else { return false }
            do {
                try signature.verify(payload: payload, header: header, now: clock.now)
                let event = try JSONDecoder().decode(ProviderEvent.self, from: Data(payload))
                try await payments.handle(event)
                webhook.types.withLock { $0.append(event.type) }
                return true
            } catch {
                Issue.record("webhook refused a demo event: \(error)")
                return false
            }
        }
    }

    /// A booking of one bed for March 2027 (far ahead: a full refund under every policy).
    func book(_ checkIn: String = "2027-03-01", _ checkOut: String = "2027-03-31") async throws -> Booking {
        try await base.book(checkIn, checkOut)
    }

    /// Books and pays with `card`; returns the booking as it is afterwards.
    func bookAndPay(card: String = "4242424242424242") async throws -> Booking {
        let booking = try await book()
        let checkout = try await payments.startCheckout(for: booking.id, by: seeker)
        _ = try await provider.pay(checkout.intentID, clientSecret: checkout.clientSecret, card: card)
        return try current(booking.id)
    }

    func current(_ id: BookingID) throws -> Booking {
        try #require(try bookings.booking(id, viewer: admin))
    }

    func payment(_ id: BookingID) throws -> BookingPayment {
        try #require(try payments.payment(of: id, by: admin))
    }

    /// Connects the owner: the onboarding link, then the demo's onboarding form completed.
    func connectOwner() async throws {
        _ = try await payments.connectLink(for: owner)
        let account = try #require(try await payments.refreshAccount(of: owner.id, by: owner).accountID)
        _ = try await provider.completeOnboarding(account)
    }
}

/// What the fixture's webhook took, and whether it is taking anything.
final class WebhookLog: Sendable {
    let types = Mutex<[String]>([])
    let up = Mutex(true)

    var received: [String] { types.withLock { $0 } }
}

func paymentError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> PaymentError? {
    await thrown(PaymentError.self, body, sourceLocation: sourceLocation)
}
