import BMSPayments
import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Payments: checkout, outcomes through the webhook, refunds")
struct PaymentFlowTests {
    @Test func aPaidInstantBookingIsConfirmedThroughTheWebhook() async throws {
        let fixture = try await PaymentsFixture()
        let booking = try await fixture.book()
        let checkout = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker)
        #expect(checkout.amount == booking.quote.total)
        #expect(checkout.provider == "demo")
        #expect(checkout.clientSecret.hasPrefix(checkout.intentID + "_secret_"))
        // The same booking gets the same intent, however often the seeker comes back.
        #expect(try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker).intentID == checkout.intentID)

        _ = try await fixture.provider.pay(checkout.intentID, clientSecret: checkout.clientSecret, card: "4242 4242 4242 4242")
        #expect(fixture.webhook.received == ["payment_intent.succeeded"])
        let paid = try fixture.current(booking.id)
        #expect(paid.status == .confirmed)
        #expect(paid.paymentStatus == .paid)
        #expect(paid.paymentIntentID == checkout.intentID)
        let payment = try fixture.payment(booking.id)
        #expect(payment.status == .succeeded)
        #expect(payment.chargeID?.hasPrefix("ch_") == true)
        // Not connected: the platform collected it all and holds the owner's share.
        #expect(payment.destination == nil)
        #expect(payment.ownerShare == Money(minorUnits: booking.quote.total.minorUnits - booking.quote.commission.minorUnits))

        let again = await paymentError { _ = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker) }
        #expect(again == .notPayable("it is already paid"))
    }

    @Test func onlyTheSeekerPaysAndOnlyWhileTheHoldRuns() async throws {
        let fixture = try await PaymentsFixture()
        let booking = try await fixture.book()
        #expect(await paymentError { _ = try await fixture.payments.startCheckout(for: booking.id, by: fixture.owner) } == .forbidden)
        let stranger = try await fixture.base.base.user("seeker")
        #expect(await paymentError { _ = try await fixture.payments.startCheckout(for: booking.id, by: stranger) } == .notFound)
        fixture.clock.advance(.seconds(31 * 60))
        let late = await paymentError { _ = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker) }
        #expect(late == .notPayable("its hold on the beds has ended; book again"))
    }

    @Test func aDeclinedCardIsReportedAndTheSeekerCanPayAgain() async throws {
        let fixture = try await PaymentsFixture()
        let booking = try await fixture.book()
        let checkout = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker)
        let declined = await paymentError {
            _ = try await fixture.payments.confirm(intentID: checkout.intentID, paymentMethod: "4000000000009995", by: fixture.seeker)
        }
        #expect(declined == .declined(code: "insufficient_funds", message: "Your card has insufficient funds."))
        #expect(fixture.webhook.received == ["payment_intent.payment_failed"])
        let failed = try fixture.current(booking.id)
        #expect(failed.paymentStatus == .failed)
        #expect(failed.status == .pending)
        #expect(try fixture.payment(booking.id).failureMessage == "Your card has insufficient funds.")

        let paid = try await fixture.payments.confirm(intentID: checkout.intentID, paymentMethod: "pm_card_visa", by: fixture.seeker)
        #expect(paid.status == .succeeded)
        #expect(try fixture.current(booking.id).status == .confirmed)
    }

    @Test func aClientReturnReadsTheOutcomeFromTheProvider() async throws {
        let fixture = try await PaymentsFixture()
        fixture.webhook.up.withLock { $0 = false }
        let booking = try await fixture.book()
        let checkout = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker)
        _ = try await fixture.provider.pay(checkout.intentID, clientSecret: checkout.clientSecret, card: "4242424242424242")
        // The webhook is down: nothing is known yet, until the seeker's browser comes back.
        #expect(try fixture.current(booking.id).paymentStatus == .pending)
        let returned = try await fixture.payments.confirm(intentID: checkout.intentID, paymentMethod: nil, by: fixture.seeker)
        #expect(returned.status == .succeeded)
        #expect(try fixture.current(booking.id).status == .confirmed)
        // The event arrives later and changes nothing.
        fixture.webhook.up.withLock { $0 = true }
        #expect(await fixture.provider.deliverPendingEvents() == 1)
        #expect(try fixture.current(booking.id).history.count == 2)
    }

    @Test func aCancelRefundsByPolicyOnceEvenWhenTheRefundIsReportedTwice() async throws {
        let fixture = try await PaymentsFixture()
        let booking = try await fixture.bookAndPay()
        let (cancelled, quote) = try await fixture.bookings.cancel(booking.id, reason: "plans changed", by: fixture.seeker)
        #expect(cancelled.refundDue == booking.quote.total)
        #expect(quote.refund == booking.quote.total)
        #expect(try await fixture.payments.settleRefunds() == 1)
        // The provider's answer and its charge.refunded event both report it: counted once.
        #expect(fixture.webhook.received == ["payment_intent.succeeded", "charge.refunded"])
        let refunded = try fixture.current(booking.id)
        #expect(refunded.paymentStatus == .refunded)
        #expect(refunded.amountRefunded == booking.quote.total)
        #expect(refunded.refundDue == .zero)
        let payment = try fixture.payment(booking.id)
        #expect(payment.refunded == booking.quote.total)
        #expect(payment.refunds.count == 1)
        // Nothing more is due: settling again refunds nothing.
        #expect(try await fixture.payments.settleRefunds() == 0)
    }

    @Test func aStrictPolicyCancelWithinAWeekRefundsOnlyTheDeposit() async throws {
        let fixture = try await PaymentsFixture(policy: "strict")
        let booking = try await fixture.book("2026-09-25", "2026-10-25")
        let checkout = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker)
        _ = try await fixture.provider.pay(checkout.intentID, clientSecret: checkout.clientSecret, card: "pm_card_visa")
        let (_, quote) = try await fixture.bookings.cancel(booking.id, reason: nil, by: fixture.seeker)
        #expect(quote.refund == booking.quote.securityDeposit)
        try await fixture.payments.settleRefund(booking.id)
        let after = try fixture.current(booking.id)
        #expect(after.amountRefunded == quote.refund)
        #expect(after.paymentStatus == .partiallyRefunded)
        // The platform keeps its commission only on what it kept.
        let payment = try fixture.payment(booking.id)
        #expect(
            payment.retainedCommission.minorUnits == booking.quote.commission.minorUnits * (booking.quote.total.minorUnits - quote.refund.minorUnits)
                / booking.quote.total.minorUnits)
    }

    @Test func aPaymentArrivingAfterTheSeekerCancelledIsRefundedInFull() async throws {
        let fixture = try await PaymentsFixture()
        let booking = try await fixture.book()
        let checkout = try await fixture.payments.startCheckout(for: booking.id, by: fixture.seeker)
        _ = try await fixture.bookings.cancel(booking.id, reason: "changed my mind", by: fixture.seeker)
        // The checkout page was still open in another tab.
        _ = try await fixture.provider.pay(checkout.intentID, clientSecret: checkout.clientSecret, card: "4242424242424242")
        let after = try fixture.current(booking.id)
        #expect(after.status == .cancelled)
        #expect(after.paymentStatus == .refunded)
        #expect(after.amountRefunded == booking.quote.total && after.refundDue == .zero)
    }

    @Test func anAdminRefundsAnyAmountUpToWhatRemains() async throws {
        let fixture = try await PaymentsFixture()
        let booking = try await fixture.bookAndPay()
        #expect(await paymentError { _ = try await fixture.payments.refund(booking.id, amount: nil, reason: nil, by: fixture.seeker) } == .forbidden)
        let part = try await fixture.payments.refund(booking.id, amount: Money(minorUnits: 100_000), reason: "noise at night", by: fixture.admin)
        #expect(part.refunded == Money(minorUnits: 100_000))
        #expect(try fixture.current(booking.id).paymentStatus == .partiallyRefunded)
        let remaining = Money(minorUnits: booking.quote.total.minorUnits - 100_000)
        let tooMuch = await paymentError {
            _ = try await fixture.payments.refund(booking.id, amount: Money(minorUnits: remaining.minorUnits + 1), reason: nil, by: fixture.admin)
        }
        #expect(tooMuch == .refundTooLarge(remaining: remaining))
        _ = try await fixture.payments.refund(booking.id, amount: nil, reason: nil, by: fixture.admin)
        #expect(try fixture.current(booking.id).paymentStatus == .refunded)
    }

    @Test func anUndeliveredEventWaitsInTheOutboxUntilTheWebhookTakesIt() async throws {
        let fixture = try await PaymentsFixture()
        fixture.webhook.up.withLock { $0 = false }
        let booking = try await fixture.bookAndPay()
        #expect(booking.paymentStatus == .pending)
        #expect(await fixture.provider.deliverPendingEvents() == 0)
        fixture.webhook.up.withLock { $0 = true }
        #expect(await fixture.provider.deliverPendingEvents() == 1)
        #expect(await fixture.provider.deliverPendingEvents() == 0)
        #expect(try fixture.current(booking.id).status == .confirmed)
    }
}
