import BMSCore
import BMSPayments
import Foundation
import PaymentsTestSupport
import Testing

@Suite struct StripePaymentIntentTests {
    @Test func aDestinationChargeSendsTheFeeTheDestinationAndTheKey() async throws {
        try await withStripe { stripe, provider in
            let owner = try await onboardedAccount(stripe, provider)
            let request = bookingPayment(destination: owner)
            let intent = try await provider.createPaymentIntent(request)

            await expectLastPost(
                stripe, "/v1/payment_intents", idempotencyKey: request.idempotencyKey,
                form: [
                    "amount": "12000", "currency": "inr", "description": "Booking bk_42, 2 nights", "metadata[bookingId]": "bk_42",
                    "automatic_payment_methods[enabled]": "true", "application_fee_amount": "1200", "transfer_data[destination]": owner,
                ])
            let sent = try #require(await stripe.requests.last)
            #expect(sent.stripeVersion == "2024-06-20")
            #expect(sent.headers["authorization"] == "Bearer \(FakeStripe.defaultSecretKey)")
            #expect(sent.headers["content-type"] == "application/x-www-form-urlencoded")

            #expect(intent.id.hasPrefix("pi_") && intent.status == .requiresPaymentMethod)
            #expect(intent.clientSecret?.hasPrefix("\(intent.id)_secret_") == true)
            #expect(intent.amount == 12_000 && intent.currency == "inr" && intent.metadata == ["bookingId": "bk_42"])
            #expect(intent.applicationFeeAmount == 1200 && intent.transferData?.destination == owner)
        }
    }

    @Test func withoutADestinationThePlatformKeepsTheWholeAmount() async throws {
        try await withStripe { stripe, provider in
            let intent = try await provider.createPaymentIntent(bookingPayment())
            let sent = try #require(await stripe.requests.last)
            #expect(sent.form["application_fee_amount"] == nil)
            #expect(!sent.form.keys.contains { $0.hasPrefix("transfer_data") })
            #expect(intent.applicationFeeAmount == nil && intent.transferData == nil)
        }
    }

    @Test func theSameKeyReturnsTheFirstIntentAndOtherParametersAreRefused() async throws {
        try await withStripe { stripe, provider in
            let request = bookingPayment(key: "booking-bk_42-payment")
            let first = try await provider.createPaymentIntent(request)
            let again = try await provider.createPaymentIntent(request)
            #expect(again.id == first.id)

            var changed = request
            changed.amount = Money(minorUnits: 99_000)
            let error = await #expect(throws: PaymentProviderError.self) { try await provider.createPaymentIntent(changed) }
            #expect(error?.invalidRequest?.message.contains("booking-bk_42-payment") == true)
            #expect(await stripe.requests.count == 3)
        }
    }

    @Test func fieldsArePercentEncodedAndBracketsKept() async throws {
        try await withStripe { stripe, provider in
            var request = bookingPayment()
            request.metadata = ["note": "a b&c=d+é/ü?"]
            let intent = try await provider.createPaymentIntent(request)
            let sent = try #require(await stripe.requests.last)
            #expect(sent.body.contains("metadata[note]=a%20b%26c%3Dd%2B%C3%A9%2F%C3%BC%3F"))
            #expect(sent.form["metadata[note]"] == "a b&c=d+é/ü?")
            #expect(intent.metadata["note"] == "a b&c=d+é/ü?")
        }
    }

    @Test func retrievingReturnsTheStoredIntent() async throws {
        try await withStripe { stripe, provider in
            let created = try await provider.createPaymentIntent(bookingPayment())
            let read = try await provider.retrievePaymentIntent(created.id)
            #expect(read == created)
            let sent = try #require(await stripe.requests.last)
            #expect(sent.method == "GET" && sent.path == "/v1/payment_intents/\(created.id)" && sent.idempotencyKey == nil)
        }
    }

    @Test func aCardThatPaysSucceedsWithACharge() async throws {
        try await withStripe { stripe, provider in
            let intent = try await provider.createPaymentIntent(bookingPayment())
            let paid = try await provider.confirmPaymentIntent(intent.id, paymentMethod: "pm_card_visa", idempotencyKey: "confirm-1")
            #expect(paid.status == .succeeded && paid.lastPaymentError == nil)
            let charge = try #require(paid.latestCharge)
            #expect(charge.hasPrefix("ch_"))
            #expect(await stripe.charge(charge)?.amount == 12_000)

            await expectLastPost(
                stripe, "/v1/payment_intents/\(intent.id)/confirm", idempotencyKey: "confirm-1", form: ["payment_method": "pm_card_visa"])
        }
    }

    @Test(arguments: [
        ("pm_card_chargeDeclined", "generic_decline", "Your card was declined."),
        ("4000000000000002", "generic_decline", "Your card was declined."),
        ("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds", "Your card has insufficient funds."),
        ("4000000000009995", "insufficient_funds", "Your card has insufficient funds."),
    ])
    func aDeclinedCardLeavesTheIntentWaitingForAnotherMethod(card: String, code: String, message: String) async throws {
        try await withStripe { stripe, provider in
            let intent = try await provider.createPaymentIntent(bookingPayment())
            await #expect(throws: PaymentProviderError.cardDeclined(code: code, message: message)) {
                try await provider.confirmPaymentIntent(intent.id, paymentMethod: card, idempotencyKey: UUID().uuidString)
            }
            #expect(await stripe.requests.count == 2)

            let after = try await provider.retrievePaymentIntent(intent.id)
            #expect(after.status == .requiresPaymentMethod)
            #expect(after.lastPaymentError == PaymentIntent.LastError(code: "card_declined", declineCode: code, message: message))

            let paid = try await provider.confirmPaymentIntent(intent.id, paymentMethod: "4242424242424242", idempotencyKey: UUID().uuidString)
            #expect(paid.status == .succeeded)
        }
    }

    @Test func anUnknownPaymentMethodOrASecondConfirmationIsRefused() async throws {
        try await withStripe { _, provider in
            let intent = try await provider.createPaymentIntent(bookingPayment())
            await #expect(throws: PaymentProviderError.notFound(message: "No such PaymentMethod: 'pm_card_unknown'")) {
                try await provider.confirmPaymentIntent(intent.id, paymentMethod: "pm_card_unknown", idempotencyKey: UUID().uuidString)
            }

            _ = try await provider.confirmPaymentIntent(intent.id, paymentMethod: "pm_card_visa", idempotencyKey: UUID().uuidString)
            let twice = await #expect(throws: PaymentProviderError.self) {
                try await provider.confirmPaymentIntent(intent.id, paymentMethod: "pm_card_visa", idempotencyKey: UUID().uuidString)
            }
            #expect(twice?.invalidRequest?.message.contains("status of succeeded") == true)
        }
    }
}
