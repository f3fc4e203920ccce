import BMSCore
import BMSPayments
import Foundation
import PaymentsTestSupport
import Testing

@Suite struct StripeRefundTests {
    @Test func aPartRefundOfADestinationChargeReversesTheTransferAndTheFee() async throws {
        try await withStripe { stripe, provider in
            let owner = try await onboardedAccount(stripe, provider)
            let intent = try await paidIntent(provider, destination: owner)
            let request = RefundRequest(
                paymentIntent: intent.id, amount: Money(minorUnits: 4_000), reverseTransfer: true, refundApplicationFee: true,
                metadata: ["bookingId": "bk_42"], idempotencyKey: "refund-bk_42-1")
            let refund = try await provider.createRefund(request)

            await expectLastPost(
                stripe, "/v1/refunds", idempotencyKey: "refund-bk_42-1",
                form: [
                    "payment_intent": intent.id, "amount": "4000", "reverse_transfer": "true", "refund_application_fee": "true",
                    "metadata[bookingId]": "bk_42",
                ])
            #expect(refund.id.hasPrefix("re_") && refund.status == "succeeded" && refund.amount == 4_000)
            #expect(refund.paymentIntent == intent.id && refund.charge == intent.latestCharge)

            let chargeID = try #require(intent.latestCharge)
            let charge = try #require(await stripe.charge(chargeID))
            #expect(charge.amountRefunded == 4_000 && !charge.refunded)
        }
    }

    @Test func aRefundWithoutATransferSendsNeitherFlag() async throws {
        try await withStripe { stripe, provider in
            let intent = try await paidIntent(provider)
            let refund = try await provider.createRefund(
                RefundRequest(
                    paymentIntent: intent.id, amount: Money(minorUnits: 12_000), reverseTransfer: false, refundApplicationFee: false,
                    metadata: [:], idempotencyKey: UUID().uuidString))
            await expectLastPost(stripe, "/v1/refunds", idempotencyKey: nil, form: ["payment_intent": intent.id, "amount": "12000"])
            #expect(refund.amount == 12_000)
            let chargeID = try #require(intent.latestCharge)
            #expect(await stripe.charge(chargeID)?.refunded == true)
        }
    }

    @Test func refundingMoreThanRemainsIsRefused() async throws {
        try await withStripe { _, provider in
            let intent = try await paidIntent(provider, amount: 10_000)
            func refund(_ amount: Int64) async throws(PaymentProviderError) -> Refund {
                try await provider.createRefund(
                    RefundRequest(
                        paymentIntent: intent.id, amount: Money(minorUnits: amount), reverseTransfer: false, refundApplicationFee: false,
                        metadata: [:], idempotencyKey: UUID().uuidString))
            }
            _ = try await refund(6_000)
            let tooMuch = await #expect(throws: PaymentProviderError.self) { try await refund(5_000) }
            #expect(tooMuch?.invalidRequest?.parameter == "amount")
            #expect(tooMuch?.invalidRequest?.message.contains("greater than unrefunded amount") == true)

            _ = try await refund(4_000)
            let again = await #expect(throws: PaymentProviderError.self) { try await refund(1) }
            #expect(again?.invalidRequest?.message.contains("has already been refunded") == true)
        }
    }

    @Test func reversingATransferThatDoesNotExistIsRefused() async throws {
        try await withStripe { _, provider in
            let intent = try await paidIntent(provider)
            let error = await #expect(throws: PaymentProviderError.self) {
                try await provider.createRefund(
                    RefundRequest(
                        paymentIntent: intent.id, amount: Money(minorUnits: 100), reverseTransfer: true, refundApplicationFee: false,
                        metadata: [:], idempotencyKey: UUID().uuidString))
            }
            #expect(error?.invalidRequest?.parameter == "reverse_transfer")
        }
    }
}
