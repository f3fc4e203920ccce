import BMSStore
import Foundation

extension ListingService {
    /// An admin's decision: `verified` lists the property, `rejected` (with a reason) sends it back to its
    /// owner. The owner is told by a notification and an e-mail; the decision is audit-logged.
    public func verify(_ id: PropertyID, _ decision: VerificationDecision, by admin: User) async throws -> Property {
        let now = now()
        var errors = FieldErrors()
        let status = errors.check("status", ListingRules.named(decision.status, VerificationStatus.self))
        if status == .pending { errors.note("status", "must be verified or rejected") }
        let reason = decision.reason.flatMap { errors.check("reason", ListingRules.text($0, 0...500)) } ?? ""
        if status == .rejected, reason.isEmpty { errors.note("reason", "is required when rejecting") }
        guard errors.problems.isEmpty, let status else { throw ListingError.validation(errors.problems) }

        return try await store.write { [self] txn in
            let admin = try currentActor(txn, admin)
            guard admin.role == .admin else { throw ListingError.forbidden }
            guard var property = try properties.get(txn, id.objectID)?.property, property.deletedAt == nil else {
                throw ListingError.notFound
            }
            let before = property.verification
            property.verification = status
            property.verificationReason = status == .rejected ? reason : nil
            property.updatedAt = now
            try save(txn, property)
            try audit(
                txn, actor: admin, action: "property.verify", property: property,
                changes: ["verificationStatus": "\(before.name) → \(status.name)"].merging(reason.isEmpty ? [:] : ["reason": reason]) { $1 },
                now: now
            )
            guard let owner = try users.get(txn, property.ownerID) else { return property }
            try tellOwner(txn, owner, property, now: now)
            return property
        }
    }

    /// One notification per admin for a property waiting for verification.
    func notifyAdmins(_ txn: WriteTransaction, of property: Property, now: Date) throws {
        var admins: [UserID] = []
        try users.scan(txn, index: "role", .prefix([.string(Role.admin.rawValue)]), direction: .forward) { entry in
            admins.append(UserID(entry.id))
            return true
        }
        for admin in admins {
            try notifications.post(
                txn,
                Notification(
                    id: ObjectID(time: now), recipient: admin, kind: .propertyPending, title: "Property waiting for verification",
                    body: "\(property.name) in \(property.address.city) by \(property.ownerName)",
                    link: "/admin/properties/\(property.id)", createdAt: now, readAt: nil
                )
            )
        }
    }

    private func tellOwner(_ txn: WriteTransaction, _ owner: User, _ property: Property, now: Date) throws {
        let verified = property.verification == .verified
        let title = verified ? "\(property.name) is verified" : "\(property.name) was not approved"
        let body =
            verified
            ? "Seekers can now find and book it."
            : "Reason: \(property.verificationReason ?? ""). Edit the listing to send it for verification again."
        let path = "/owner/properties/\(property.id)"
        try notifications.post(
            txn,
            Notification(
                id: ObjectID(time: now), recipient: owner.id, kind: verified ? .propertyVerified : .propertyRejected,
                title: title, body: body, link: path, createdAt: now, readAt: nil
            )
        )
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        try outbox.enqueue(
            txn,
            MailComposer.message(
                to: owner, subject: title, now: now, link: base + path, lines: ["Hello \(owner.firstName),", body],
                closing: "The BookMySleep team"
            )
        )
    }
}
