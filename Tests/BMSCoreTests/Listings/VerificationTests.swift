import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Verification: admins decide, owners are told, edits send a property back")
struct VerificationTests {
    @Test func everyAdminIsToldOfANewPendingProperty() async throws {
        let fixture = try ListingsFixture()
        let first = try await fixture.admin()
        let second = try await fixture.accounts.makeAdmin("second-admin@bookmysleep.example")
        let owner = try await fixture.user()
        let property = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        for admin in [first, second] {
            let notes = try fixture.notifications.list(for: admin.id, limit: 10)
            #expect(notes.map(\.kind) == [.propertyPending])
            #expect(notes.first?.link == "/admin/properties/\(property.id)")
        }
        #expect(try fixture.listings.properties(withStatus: .pending, by: first, limit: 10).map(\.id) == [property.id])
        #expect(await listingError { _ = try fixture.listings.properties(withStatus: .pending, by: owner, limit: 10) } == .forbidden)
    }

    @Test func approvalListsItAndTellsTheOwner() async throws {
        let fixture = try ListingsFixture()
        let admin = try await fixture.admin()
        let owner = try await fixture.user()
        let property = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        _ = try await fixture.listings.createRoom(ListingsFixture.roomForm(property.id), by: owner)
        #expect(try fixture.listings.search(SearchQuery()).total == 0)

        let verified = try await fixture.listings.verify(property.id, VerificationDecision(status: "verified"), by: admin)
        #expect(verified.verification == .verified && verified.verificationReason == nil)
        #expect(try fixture.listings.search(SearchQuery()).hits.map(\.id) == [property.id])
        let note = try #require(try fixture.notifications.list(for: owner.id, limit: 10).first)
        #expect(note.kind == .propertyVerified)
        let mail = try #require(try fixture.accounts.latestMessage())
        #expect(mail.recipient == owner.email)
        #expect(mail.link == "\(AccountsFixture.publicURL)/owner/properties/\(property.id)")
        let audit = try fixture.accounts.auditLog.entries(limit: 10, after: nil)
        #expect(audit.last?.action == "property.verify")
        #expect(audit.last?.changes["verificationStatus"] == "pending → verified")
        #expect(try await fixture.notifications.markRead(note.id, for: owner.id, now: fixture.clock.now))
        #expect(try fixture.notifications.list(for: owner.id, limit: 10).first?.readAt != nil)
        #expect(try await !fixture.notifications.markRead(note.id, for: admin.id, now: fixture.clock.now))
    }

    @Test func rejectionNeedsAReasonAndEditingSendsItBack() async throws {
        let fixture = try ListingsFixture()
        let admin = try await fixture.admin()
        let owner = try await fixture.user()
        let property = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        let noReason = await listingError { _ = try await fixture.listings.verify(property.id, VerificationDecision(status: "rejected"), by: admin) }
        #expect(fields(noReason) == ["reason"])
        let badStatus = await listingError { _ = try await fixture.listings.verify(property.id, VerificationDecision(status: "pending"), by: admin) }
        #expect(fields(badStatus) == ["status"])
        #expect(
            await listingError { _ = try await fixture.listings.verify(property.id, VerificationDecision(status: "verified"), by: owner) }
                == .forbidden)

        let rejected = try await fixture.listings.verify(
            property.id, VerificationDecision(status: "rejected", reason: "Photos missing"), by: admin
        )
        #expect(rejected.verification == .rejected && rejected.verificationReason == "Photos missing")
        #expect(try fixture.notifications.list(for: owner.id, limit: 1).first?.kind == .propertyRejected)
        #expect(try fixture.accounts.latestMessage()?.textBody.contains("Photos missing") == true)

        let resubmitted = try await fixture.listings.updateProperty(property.id, PropertyForm(description: "With photos"), by: owner)
        #expect(resubmitted.verification == .pending && resubmitted.verificationReason == nil)
        #expect(try fixture.notifications.list(for: admin.id, limit: 10).count == 2)
    }

    @Test func movingAVerifiedPropertySendsItBackToPending() async throws {
        let fixture = try ListingsFixture()
        let admin = try await fixture.admin()
        let owner = try await fixture.user()
        let property = try await fixture.listed(owner: owner, admin: admin)

        let renamed = try await fixture.listings.updateProperty(property.id, PropertyForm(propertyName: "Sunrise Deluxe"), by: owner)
        #expect(renamed.verification == .verified)
        let moved = try await fixture.listings.updateProperty(
            property.id, PropertyForm(address: AddressForm(coordinates: CoordinatesForm(lat: 12.95, lng: 77.64))), by: owner
        )
        #expect(moved.verification == .pending)
        #expect(try fixture.listings.search(SearchQuery()).total == 0)
        #expect(try fixture.listings.property(property.id, viewer: nil) == nil)
        try fixture.expectClean()
    }
}
