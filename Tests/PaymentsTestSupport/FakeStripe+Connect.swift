import BMSCore

// Connect: Express accounts, onboarding links, transfers, and the test hooks that stand for what an owner
// does on Stripe's pages (finishing onboarding) and for Stripe paying an owner out.
extension FakeStripe {
    func account(_ id: String, param: String, inURL: Bool = false) throws(StripeRefusal) -> AccountRecord {
        guard let record = accounts[id] else { throw .noSuch("account", id, param: param, inURL: inURL) }
        return record
    }

    /// Money can only move to an account whose `transfers` capability is active, that is after onboarding.
    func requireTransfersCapability(_ id: String, param: String) throws(StripeRefusal) {
        guard let record = accounts[id] else { throw .noSuch("destination", id, param: param) }
        guard record.transfersActive else {
            throw .invalid(
                "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
                param: param, code: "insufficient_capabilities_for_transfer")
        }
    }

    func createAccount(_ parameters: FormParameters) throws(StripeRefusal) -> Handled {
        let capabilities = ["card_payments", "transfers"]
        try parameters.check(
            required: ["type"],
            allowed: Set(["country", "email", "business_type", "default_currency"] + capabilities.map { "capabilities[\($0)][requested]" }))
        guard let type = parameters["type"], ["express", "standard", "custom"].contains(type) else {
            throw .invalid("Invalid type: must be one of custom, express, or standard", param: "type")
        }
        var requested: [String] = []
        for capability in capabilities {
            if try parameters.bool("capabilities[\(capability)][requested]") == true { requested.append(capability) }
        }
        let record = AccountRecord(
            account: ConnectedAccount(
                id: StripeID.make("acct", length: 16), email: parameters["email"], chargesEnabled: false, payoutsEnabled: false,
                detailsSubmitted: false, metadata: parameters.metadata),
            type: type, country: parameters["country"]?.uppercased() ?? "US", created: StripeID.now, requestedCapabilities: requested)
        accounts[record.account.id] = record
        return Handled(body: record.json)
    }

    func createAccountLink(_ parameters: FormParameters) throws(StripeRefusal) -> Handled {
        try parameters.check(required: ["account", "refresh_url", "return_url", "type"], allowed: ["collect"])
        let account = try account(parameters["account"]!, param: "account").account
        guard ["account_onboarding", "account_update"].contains(parameters["type"]!) else {
            throw .invalid("Invalid type: must be one of account_onboarding or account_update", param: "type")
        }
        // Stripe's links last five minutes.
        let created = StripeID.now
        let url = "https://connect.stripe.com/setup/e/\(account.id)/\(StripeID.random(12))"
        return Handled(body: ["object": "account_link", "created": .int(created), "expires_at": .int(created + 300), "url": .string(url)])
    }

    func createTransfer(_ parameters: FormParameters) throws(StripeRefusal) -> Handled {
        try parameters.check(
            required: ["amount", "currency", "destination"], allowed: ["source_transaction", "description", "transfer_group"])
        let destination = parameters["destination"]!
        try requireTransfersCapability(destination, param: "destination")
        let source = parameters["source_transaction"]
        if let source, charges[source]?.succeeded != true { throw .noSuch("charge", source, param: "source_transaction") }
        let record = TransferRecord(
            transfer: Transfer(
                id: StripeID.make("tr"), amount: try parameters.amount("amount")!, currency: parameters["currency"]!.lowercased(),
                destination: destination, sourceTransaction: source, metadata: parameters.metadata, created: StripeID.now),
            description: parameters["description"], balanceTransaction: StripeID.make("txn"), destinationPayment: StripeID.make("py"))
        transfers[record.transfer.id] = record
        return Handled(body: record.json)
    }

    /// The owner finished Stripe's onboarding: details submitted, charges and payouts enabled, and an
    /// `account.updated` event for the connected account.
    public func completeOnboarding(account id: String) async throws {
        guard var record = accounts[id] else { throw FakeStripeMisuse(description: "completeOnboarding: no account \(id)") }
        record.account.detailsSubmitted = true
        record.account.chargesEnabled = true
        record.account.payoutsEnabled = true
        accounts[id] = record
        await deliver([event("account.updated", .account(record.account), account: id)])
    }

    /// Stripe paid `amount` from the connected account's balance to the owner's bank: a `payout.paid` event
    /// for the connected account.
    @discardableResult
    public func payOut(account id: String, amount: Int64) async throws -> Payout {
        guard let record = accounts[id] else { throw FakeStripeMisuse(description: "payOut: no account \(id)") }
        let now = StripeID.now
        let payout = Payout(
            id: StripeID.make("po"), amount: amount, currency: record.defaultCurrency, status: "paid", arrivalDate: now, failureMessage: nil,
            created: now)
        await deliver([event("payout.paid", .payout(payout), account: id)])
        return payout
    }
}
