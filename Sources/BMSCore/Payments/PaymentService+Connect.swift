import BMSStore
import Foundation

/// Where an owner stands with receiving money.
public struct PayoutAccountState: Sendable, Equatable {
    public var ownerID: UserID
    /// Nil until the owner first asks to connect.
    public var accountID: String?
    public var detailsSubmitted: Bool
    public var payoutsEnabled: Bool

    /// The spec's `stripeConnected`: the provider says the account can receive payouts.
    public var connected: Bool { payoutsEnabled }
}

extension PaymentService {
    /// The provider's onboarding address for `owner`'s connected account, making the account on first use.
    public func connectLink(for owner: User) async throws -> String {
        let now = now()
        let (owner, existing) = try store.read { txn in
            let owner = try currentUser(txn, owner)
            guard owner.role == .owner else { throw PaymentError.forbidden }
            return (owner, try accounts.get(txn, owner.id.objectID))
        }
        var accountID = existing?.accountID
        if accountID == nil {
            let request = ConnectedAccountRequest(
                email: owner.email.description, country: settings.country, metadata: ["ownerId": owner.id.description],
                idempotencyKey: "bms-account-\(owner.id)")
            let account = try await call { () async throws(PaymentProviderError) in try await provider.createConnectedAccount(request) }
            let record = PayoutAccount(
                id: owner.id.objectID, accountID: account.id, detailsSubmitted: account.detailsSubmitted, chargesEnabled: account.chargesEnabled,
                payoutsEnabled: account.payoutsEnabled, createdAt: now, updatedAt: now)
            accountID = try await store.write { [accounts] txn in
                if let raced = try accounts.get(txn, record.id) { return raced.accountID }
                try accounts.insert(txn, record)
                return record.accountID
            }
        }
        guard let accountID else { throw PaymentError.notFound }
        let request = AccountLinkRequest(
            account: accountID, refreshURL: "\(settings.siteURL)/payments/connect/refresh",
            returnURL: "\(settings.siteURL)/payments/connect/return?account=\(accountID)")
        return try await call { () async throws(PaymentProviderError) in try await provider.createAccountLink(request) }.url
    }

    /// `ownerID`'s account as the provider says it is now (for the owner or an admin): the only way the
    /// connected flag changes besides the provider's `account.updated` event. Passes on held shares once
    /// payouts are enabled.
    public func refreshAccount(of ownerID: UserID, by viewer: User) async throws -> PayoutAccountState {
        let existing = try store.read { txn in
            let viewer = try currentUser(txn, viewer)
            guard viewer.id == ownerID || viewer.role == .admin else { throw PaymentError.forbidden }
            guard let owner = try users.get(txn, ownerID), owner.role == .owner else { throw PaymentError.notFound }
            return try accounts.get(txn, ownerID.objectID)
        }
        guard let existing else { return PayoutAccountState(ownerID: ownerID, accountID: nil, detailsSubmitted: false, payoutsEnabled: false) }
        return try await refresh(existing)
    }

    /// `ownerID`'s account as last stored (for the owner or an admin), without asking the provider: what
    /// the owner's dashboard shows on every visit.
    public func payoutAccount(of ownerID: UserID, by viewer: User) throws -> PayoutAccountState {
        try store.read { txn in
            let viewer = try currentUser(txn, viewer)
            guard viewer.id == ownerID || viewer.role == .admin else { throw PaymentError.forbidden }
            let record = try accounts.get(txn, ownerID.objectID)
            return PayoutAccountState(
                ownerID: ownerID, accountID: record?.accountID, detailsSubmitted: record?.detailsSubmitted ?? false,
                payoutsEnabled: record?.payoutsEnabled ?? false)
        }
    }

    /// Refreshes the owner of `accountID` (the onboarding return page, which has only the account).
    public func refreshAccount(_ accountID: String) async throws -> PayoutAccountState? {
        guard let existing = try store.read({ txn in try payoutAccount(txn, id: accountID) }) else { return nil }
        return try await refresh(existing)
    }

    /// Reads `existing` back from the provider and stores what it says.
    private func refresh(_ existing: PayoutAccount) async throws -> PayoutAccountState {
        let account = try await call { () async throws(PaymentProviderError) in try await provider.retrieveAccount(existing.accountID) }
        let record = try await recordAccount(account) ?? existing
        return PayoutAccountState(
            ownerID: record.ownerID, accountID: record.accountID, detailsSubmitted: record.detailsSubmitted, payoutsEnabled: record.payoutsEnabled)
    }

    /// Stores what the provider says of an account; an account this server did not make is ignored.
    func recordAccount(_ account: ConnectedAccount) async throws -> PayoutAccount? {
        let now = now()
        let record = try await store.write { [self] txn -> PayoutAccount? in
            guard var record = try payoutAccount(txn, id: account.id) else { return nil }
            record.detailsSubmitted = account.detailsSubmitted
            record.chargesEnabled = account.chargesEnabled
            record.payoutsEnabled = account.payoutsEnabled
            record.updatedAt = now
            try accounts.save(txn, record)
            return record
        }
        if let record, record.payoutsEnabled { try await releaseHeldShares(of: record.ownerID) }
        return record
    }

    /// Passes each of `owner`'s held shares to their account once it can receive payouts: a transfer
    /// funded by the original charge, made once per booking (its idempotency key is the booking's, and the
    /// transfer is recorded). Only for bookings whose money is settled: confirmed, completed, or ended with
    /// nothing more to refund. Returns how many were passed on.
    @discardableResult
    public func releaseHeldShares(of owner: UserID) async throws -> Int {
        let (account, held) = try store.read { txn -> (PayoutAccount?, [(BookingPayment, Booking)]) in
            guard let account = try accounts.get(txn, owner.objectID), account.payoutsEnabled else { return (nil, []) }
            var held: [(BookingPayment, Booking)] = []
            try payments.scan(txn, index: "held", .prefix(Tuple([.id(owner.objectID)]))) { entry in
                if let record = try payments.get(txn, entry.id), let booking = try bookings.bookings.get(txn, record.bookingID.objectID)?.booking {
                    held.append((record, booking))
                }
                return true
            }
            return (account, held)
        }
        guard let account else { return 0 }
        var released = 0
        for (record, booking) in held where booking.status != .pending && booking.refundDue == .zero {
            guard let charge = record.chargeID, record.ownerShare > .zero else { continue }
            let request = TransferRequest(
                amount: record.ownerShare, currency: record.currency, destination: account.accountID, sourceTransaction: charge,
                metadata: ["bookingId": record.bookingID.description], idempotencyKey: "bms-transfer-\(record.bookingID)")
            let transfer = try await call { () async throws(PaymentProviderError) in try await provider.createTransfer(request) }
            let now = now()
            try await store.write { [payments] txn in
                guard var current = try payments.get(txn, record.id), current.transfer == nil else { return }
                current.transfer = BookingPayment.TransferEntry(id: transfer.id, amount: Money(minorUnits: transfer.amount), at: now)
                current.updatedAt = now
                try payments.save(txn, current)
            }
            released += 1
        }
        return released
    }

    /// Owners with a held share whose account can now be paid: the `settle-payments` job's round.
    @discardableResult
    public func releaseAllHeldShares() async throws -> Int {
        let owners = try store.read { txn in
            var owners = Set<UserID>()
            try payments.scan(txn, index: "held", .all) { entry in
                if let record = try payments.get(txn, entry.id) { owners.insert(record.ownerID) }
                return true
            }
            return owners
        }
        var released = 0
        for owner in owners.sorted() { released += try await releaseHeldShares(of: owner) }
        return released
    }
}
