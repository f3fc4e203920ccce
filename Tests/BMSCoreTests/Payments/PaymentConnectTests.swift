import BMSPayments
import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Payments: owners' accounts, held shares, payouts, summary, events in any order")
struct PaymentConnectTests {
    @Test func heldSharesArePassedOnOnceWhenTheOwnerCanBePaid() async throws {
        let fixture = try await PaymentsFixture()
        let first = try await fixture.bookAndPay()
        let link = try await fixture.payments.connectLink(for: fixture.owner)
        let state = try await fixture.payments.refreshAccount(of: fixture.owner.id, by: fixture.owner)
        let account = try #require(state.accountID)
        #expect(link == "http://127.0.0.1:8080/pay/connect/\(account)")
        #expect(!state.connected)
        // Asking again reuses the account.
        _ = try await fixture.payments.connectLink(for: fixture.owner)
        #expect(try await fixture.payments.refreshAccount(of: fixture.owner.id, by: fixture.owner).accountID == account)
        #expect(try fixture.payment(first.id).transfer == nil)

        let returnURL = try await fixture.provider.completeOnboarding(account)
        #expect(returnURL == "http://127.0.0.1:8080/payments/connect/return?account=\(account)")
        #expect(fixture.webhook.received.last == "account.updated")
        let transfer = try #require(try fixture.payment(first.id).transfer)
        #expect(transfer.amount == Money(minorUnits: first.quote.total.minorUnits - first.quote.commission.minorUnits))
        #expect(try await fixture.payments.refreshAccount(of: fixture.owner.id, by: fixture.owner).connected)

        // Every later round finds nothing more to pass on, and the transfer is the same one.
        #expect(try await fixture.payments.releaseAllHeldShares() == 0)
        #expect(try await fixture.payments.releaseHeldShares(of: fixture.owner.id) == 0)
        #expect(try fixture.payment(first.id).transfer == transfer)
    }

    @Test func aConnectedOwnerIsPaidByDestinationChargeAndPayouts() async throws {
        let fixture = try await PaymentsFixture()
        try await fixture.connectOwner()
        let booking = try await fixture.bookAndPay()
        let payment = try fixture.payment(booking.id)
        #expect(payment.destination != nil)
        #expect(payment.transfer == nil)
        let intent = try await fixture.provider.retrievePaymentIntent(payment.intentID)
        #expect(intent.applicationFeeAmount == booking.quote.commission.minorUnits)
        #expect(intent.transferData?.destination == payment.destination)

        #expect(try await fixture.provider.runPayouts() == 1)
        #expect(fixture.webhook.received.last == "payout.paid")
        let payouts = try fixture.payments.payouts(of: fixture.owner.id, by: fixture.owner, limit: 20)
        #expect(payouts.count == 1)
        #expect(payouts.first?.amount == payment.ownerShare)
        #expect(payouts.first?.status == "paid")
        // Nothing is left to pay out.
        #expect(try await fixture.provider.runPayouts() == 0)

        let summary = try fixture.payments.summary(of: nil, by: fixture.owner)
        #expect(summary.gross == booking.quote.total)
        #expect(summary.commission == booking.quote.commission)
        #expect(summary.net == payment.ownerShare)
        #expect(summary.paidOut == payment.ownerShare)
        #expect(summary.pending == .zero)
        #expect(summary.held == .zero)
        #expect(summary.payments == 1)
        let stranger = try await fixture.base.base.user("owner")
        #expect(await paymentError { _ = try fixture.payments.summary(of: fixture.owner.id, by: stranger) } == .forbidden)
        #expect(await paymentError { _ = try fixture.payments.payouts(of: fixture.owner.id, by: stranger, limit: 5) } == .forbidden)
        #expect(try fixture.payments.summary(of: nil, by: fixture.admin).gross == booking.quote.total)
    }

    @Test func onlyOwnersConnectAndOnlyTheProviderSetsConnected() async throws {
        let fixture = try await PaymentsFixture()
        #expect(await paymentError { _ = try await fixture.payments.connectLink(for: fixture.seeker) } == .forbidden)
        let before = try await fixture.payments.refreshAccount(of: fixture.owner.id, by: fixture.admin)
        #expect(before.accountID == nil && !before.connected)
        #expect(await paymentError { _ = try await fixture.payments.refreshAccount(of: fixture.owner.id, by: fixture.seeker) } == .forbidden)
    }

    @Test func eventsAreActedOnOnceAndInAnyOrder() async throws {
        let fixture = try await PaymentsFixture()
        let booking = try await fixture.book()
        let checkout = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker)
        let intent = try await fixture.provider.retrievePaymentIntent(checkout.intentID)
        var succeeded = intent
        succeeded.status = .succeeded
        succeeded.latestCharge = "ch_outoforder"
        let refundFirst = ProviderEvent(
            id: "evt_refund", type: "charge.refunded", created: 1, account: nil, apiVersion: nil,
            object: .charge(
                Charge(
                    id: "ch_outoforder", amount: intent.amount, amountRefunded: 50_000, currency: "inr", paymentIntent: intent.id, refunded: false,
                    metadata: [:], created: 1)))
        let success = ProviderEvent(
            id: "evt_success", type: "payment_intent.succeeded", created: 2, account: nil, apiVersion: nil, object: .paymentIntent(succeeded))
        var failedIntent = intent
        failedIntent.lastPaymentError = .init(code: "card_declined", declineCode: "generic_decline", message: "late failure")
        let lateFailure = ProviderEvent(
            id: "evt_failure", type: "payment_intent.payment_failed", created: 0, account: nil, apiVersion: nil, object: .paymentIntent(failedIntent))

        // The refund is reported before the payment: kept, and applied when the payment arrives.
        try await fixture.payments.handle(refundFirst)
        #expect(try fixture.current(booking.id).paymentStatus == .pending)
        try await fixture.payments.handle(success)
        var after = try fixture.current(booking.id)
        #expect(after.status == .confirmed)
        #expect(after.paymentStatus == .partiallyRefunded)
        #expect(after.amountRefunded == Money(minorUnits: 50_000))
        // A failure reported late does not undo the success; replays change nothing.
        try await fixture.payments.handle(lateFailure)
        try await fixture.payments.handle(success)
        try await fixture.payments.handle(refundFirst)
        after = try fixture.current(booking.id)
        #expect(after.paymentStatus == .partiallyRefunded)
        #expect(after.amountRefunded == Money(minorUnits: 50_000))
        #expect(after.history.count == 2)
        // Types this server does not use are acknowledged.
        try await fixture.payments.handle(
            ProviderEvent(id: "evt_other", type: "customer.created", created: 3, account: nil, apiVersion: nil, object: .other("customer")))
    }

    @Test func aPaymentAfterTheHoldEndedAndTheBedsWentIsRefundedInFull() async throws {
        let fixture = try await PaymentsFixture()
        let first = try await fixture.book()
        let checkout = try await fixture.payments.startCheckout(for: first.id, by: fixture.seeker)
        fixture.clock.advance(.seconds(31 * 60))
        // Others take both beds while the first seeker's hold is over.
        let other = try await fixture.base.base.user("seeker")
        _ = try await fixture.base.bookings.create(fixture.base.form("2027-03-01", "2027-03-31", beds: 2), by: other)
        _ = try await fixture.provider.pay(checkout.intentID, clientSecret: checkout.clientSecret, card: "4242424242424242")
        let after = try fixture.current(first.id)
        #expect(after.status == .cancelled)
        #expect(after.paymentStatus == .refunded)
        #expect(after.amountRefunded == first.quote.total)
    }
}
