import BMSCore
import BMSPayments
import Foundation
import PaymentsTestSupport
import Testing

@Suite struct StripeConnectTests {
    @Test func anOwnerGetsAnExpressAccountThatOnboardingEnables() async throws {
        try await withStripe { stripe, provider in
            let request = ConnectedAccountRequest(email: "owner@example.com", country: "IN", metadata: ["ownerId": "u_7"], idempotencyKey: "acct-u_7")
            let account = try await provider.createConnectedAccount(request)

            await expectLastPost(
                stripe, "/v1/accounts", idempotencyKey: "acct-u_7",
                form: [
                    "type": "express", "country": "IN", "email": "owner@example.com", "capabilities[card_payments][requested]": "true",
                    "capabilities[transfers][requested]": "true", "metadata[ownerId]": "u_7",
                ])
            #expect(account.id.hasPrefix("acct_") && account.email == "owner@example.com" && account.metadata == ["ownerId": "u_7"])
            #expect(!account.detailsSubmitted && !account.chargesEnabled && !account.payoutsEnabled)

            try await stripe.completeOnboarding(account: account.id)
            let onboarded = try await provider.retrieveAccount(account.id)
            #expect(onboarded.detailsSubmitted && onboarded.chargesEnabled && onboarded.payoutsEnabled)
            #expect(await stripe.requests.last?.path == "/v1/accounts/\(account.id)")
        }
    }

    @Test func anOnboardingLinkExpiresAfterFiveMinutes() async throws {
        try await withStripe { stripe, provider in
            let account = try await provider.createConnectedAccount(
                ConnectedAccountRequest(email: "owner@example.com", country: "IN", metadata: [:], idempotencyKey: UUID().uuidString))
            let request = AccountLinkRequest(
                account: account.id, refreshURL: "https://bms.example/owner/connect?again=1", returnURL: "https://bms.example/owner/connected")
            let link = try await provider.createAccountLink(request)

            await expectLastPost(
                stripe, "/v1/account_links", idempotencyKey: nil,
                form: [
                    "account": account.id, "refresh_url": request.refreshURL, "return_url": request.returnURL, "type": "account_onboarding",
                ])
            #expect(link.url.hasPrefix("https://connect.stripe.com/setup/") && link.url.contains(account.id))
            #expect(link.expiresAt == link.created + 300)

            let second = try await provider.createAccountLink(request)
            #expect(second.url != link.url)
        }
    }

    @Test func aHeldShareIsTransferredFromItsCharge() async throws {
        try await withStripe { stripe, provider in
            let owner = try await onboardedAccount(stripe, provider)
            let charge = try #require(try await paidIntent(provider).latestCharge)
            let request = TransferRequest(
                amount: Money(minorUnits: 10_800), currency: "inr", destination: owner, sourceTransaction: charge,
                metadata: ["bookingId": "bk_42"], idempotencyKey: "transfer-bk_42")
            let transfer = try await provider.createTransfer(request)

            await expectLastPost(
                stripe, "/v1/transfers", idempotencyKey: "transfer-bk_42",
                form: [
                    "amount": "10800", "currency": "inr", "destination": owner, "source_transaction": charge, "metadata[bookingId]": "bk_42",
                ])
            #expect(transfer.id.hasPrefix("tr_") && transfer.amount == 10_800 && transfer.destination == owner)
            #expect(transfer.sourceTransaction == charge && transfer.metadata == ["bookingId": "bk_42"])
        }
    }

    @Test func moneyCannotMoveToAnAccountBeforeOnboarding() async throws {
        try await withStripe { _, provider in
            let account = try await provider.createConnectedAccount(
                ConnectedAccountRequest(email: "owner@example.com", country: "IN", metadata: [:], idempotencyKey: UUID().uuidString))
            let error = await #expect(throws: PaymentProviderError.self) {
                try await provider.createPaymentIntent(bookingPayment(destination: account.id))
            }
            #expect(error?.invalidRequest?.parameter == "transfer_data[destination]")
        }
    }

    @Test func anUnknownAccountIsNotFound() async throws {
        try await withStripe { _, provider in
            await #expect(throws: PaymentProviderError.notFound(message: "No such account: 'acct_missing'")) {
                try await provider.retrieveAccount("acct_missing")
            }
        }
    }
}
