import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Properties: create, read, update, delete and who may")
struct PropertyTests {
    @Test func anOwnerListsAPropertyThatWaitsForVerification() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user("owner", first: "Priya")
        let property = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        #expect(property.verification == .pending)
        #expect(property.ownerID == owner.id)
        #expect(property.ownerName == "Priya Rao")
        #expect(property.timeZone == "Asia/Kolkata")
        #expect(property.cancellationPolicy == .moderate)
        #expect(property.instantBook == false)
        #expect(property.amenities.amenities == [.wifi, .meals])
        #expect(try fixture.listings.property(property.id, viewer: owner)?.property == property)
        try fixture.expectClean()
    }

    @Test func seekersAndAdminsCannotCreateProperties() async throws {
        let fixture = try ListingsFixture()
        let seeker = try await fixture.user("seeker")
        let admin = try await fixture.admin()
        for user in [seeker, admin] {
            #expect(await listingError { _ = try await fixture.listings.createProperty(ListingsFixture.form(), by: user) } == .forbidden)
        }
    }

    @Test func validationNamesEveryBadField() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        var form = ListingsFixture.form(name: "x", type: "Castle", amenities: ["wifi", "jacuzzi"])
        form.address?.coordinates = CoordinatesForm(lat: 91, lng: 77)
        form.address?.city = "  "
        form.timeZone = "Mars/Olympus"
        form.cancellationPolicy = "lenient"
        let error = await listingError { _ = try await fixture.listings.createProperty(form, by: owner) }
        #expect(
            fields(error) == [
                "propertyName", "propertyType", "amenities", "address.coordinates", "address.city", "timeZone", "cancellationPolicy",
            ]
        )
        let missing = await listingError { _ = try await fixture.listings.createProperty(PropertyForm(), by: owner) }
        #expect(fields(missing) == ["propertyName", "propertyType", "address"])
        var noLongitude = ListingsFixture.form()
        noLongitude.address?.coordinates = CoordinatesForm(lat: 12, lng: 181)
        #expect(fields(await listingError { _ = try await fixture.listings.createProperty(noLongitude, by: owner) }) == ["address.coordinates"])
        #expect(try fixture.store.read { txn in try fixture.listings.properties.count(txn) } == 0)
    }

    @Test func onlyItsOwnerOrAnAdminChangesAProperty() async throws {
        let fixture = try ListingsFixture()
        let ownerA = try await fixture.user()
        let ownerB = try await fixture.user()
        let admin = try await fixture.admin()
        let pending = try await fixture.listings.createProperty(ListingsFixture.form(), by: ownerA)
        let change = PropertyForm(propertyName: "Taken Over")
        // A pending property does not exist for anyone else; a public one is forbidden.
        #expect(await listingError { _ = try await fixture.listings.updateProperty(pending.id, change, by: ownerB) } == .notFound)
        let listed = try await fixture.listed(owner: ownerA, admin: admin)
        #expect(await listingError { _ = try await fixture.listings.updateProperty(listed.id, change, by: ownerB) } == .forbidden)
        #expect(await listingError { try await fixture.listings.deleteProperty(listed.id, by: ownerB) } == .forbidden)
        let renamed = try await fixture.listings.updateProperty(listed.id, change, by: admin)
        #expect(renamed.name == "Taken Over")
        let audit = try fixture.accounts.auditLog.entries(limit: 100, after: nil)
        #expect(audit.contains { $0.action == "property.update" && $0.subject == "property \(listed.id)" && $0.target == ownerA.id })
    }

    @Test func theOwnerPartlyUpdatesAndPauses() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        var change = PropertyForm(description: "Now with a gym", amenities: ["gym"], instantBook: true)
        change.address = AddressForm(zipCode: "560095")
        let updated = try await fixture.listings.updateProperty(property.id, change, by: owner)
        #expect(updated.description == "Now with a gym")
        #expect(updated.amenities.amenities == [.gym])
        #expect(updated.instantBook)
        #expect(updated.address.zipCode == "560095")
        #expect(updated.address.street == property.address.street)
        #expect(updated.name == property.name)
        let paused = try await fixture.listings.updateProperty(property.id, PropertyForm(isActive: false), by: owner)
        #expect(!paused.isPublic)
        #expect(try fixture.listings.property(property.id, viewer: nil) == nil)
        try fixture.expectClean()
    }

    @Test func thePublicSeesPublicPropertiesOnly() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let stranger = try await fixture.user("seeker")
        let admin = try await fixture.admin()
        let pending = try await fixture.listings.createProperty(ListingsFixture.form(name: "Pending Place"), by: owner)
        let listed = try await fixture.listed(ListingsFixture.form(name: "Listed Place"), owner: owner, admin: admin)
        #expect(try fixture.listings.property(pending.id, viewer: nil) == nil)
        #expect(try fixture.listings.property(pending.id, viewer: stranger) == nil)
        #expect(try fixture.listings.property(pending.id, viewer: admin) != nil)
        #expect(try fixture.listings.property(listed.id, viewer: nil)?.rooms.count == 1)
        #expect(try fixture.listings.properties(ownedBy: owner.id, viewer: nil, limit: 10).map(\.id) == [listed.id])
        #expect(try fixture.listings.properties(ownedBy: owner.id, viewer: owner, limit: 10).map(\.id) == [listed.id, pending.id])
        let firstPage = try fixture.listings.properties(ownedBy: owner.id, viewer: admin, limit: 1)
        #expect(try fixture.listings.properties(ownedBy: owner.id, viewer: admin, limit: 5, before: firstPage.last?.id).map(\.id) == [pending.id])
    }

    @Test func deletingKeepsTheRecordButHidesItAndReleasesItsPhotos() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: owner)?.first)
        _ = try await fixture.listings.addImages([TestImages.png(1)], to: .property(property.id), by: owner)
        _ = try await fixture.listings.addImages([TestImages.png(2)], to: .room(room.id), by: owner)
        #expect(try fixture.accounts.mediaReferences().count == 2)

        try await fixture.listings.deleteProperty(property.id, by: owner)
        #expect(try fixture.listings.property(property.id, viewer: nil) == nil)
        let kept = try #require(try fixture.listings.property(property.id, viewer: owner))
        #expect(!kept.property.isActive && kept.property.images.isEmpty)
        #expect(kept.rooms.allSatisfy { !$0.isActive && $0.images.isEmpty })
        #expect(try fixture.accounts.mediaReferences().isEmpty)
        #expect(try fixture.listings.search(SearchQuery()).total == 0)
        try fixture.expectClean()
    }

    @Test func aDeletedPropertyStaysDeleted() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        try await fixture.listings.deleteProperty(property.id, by: owner)
        let kept = try #require(try fixture.listings.property(property.id, viewer: admin)?.property)
        #expect(kept.deletedAt == fixture.clock.now && !kept.isPublic)
        #expect(
            await listingError { _ = try await fixture.listings.updateProperty(property.id, PropertyForm(isActive: true), by: owner) } == .notFound)
        #expect(
            await listingError { _ = try await fixture.listings.verify(property.id, VerificationDecision(status: "verified"), by: admin) }
                == .notFound)
        #expect(
            await listingError { _ = try await fixture.listings.createRoom(ListingsFixture.roomForm(property.id, number: "7"), by: owner) }
                == .notFound)
        #expect(
            await listingError { _ = try await fixture.listings.addImages([TestImages.png(3)], to: .property(property.id), by: owner) } == .notFound)
        #expect(await listingError { try await fixture.listings.deleteProperty(property.id, by: owner) } == .notFound)
        #expect(try fixture.listings.properties(withStatus: .verified, by: admin, limit: 10).isEmpty)
    }

    @Test func aPausedPropertyCanStillBeWorkedOn() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        _ = try await fixture.listings.updateProperty(property.id, PropertyForm(isActive: false), by: owner)
        _ = try await fixture.listings.createRoom(ListingsFixture.roomForm(property.id, number: "8"), by: owner)
        _ = try await fixture.listings.addImages([TestImages.png(5)], to: .property(property.id), by: owner)
        #expect(try fixture.listings.search(SearchQuery()).total == 0)
        let resumed = try await fixture.listings.updateProperty(property.id, PropertyForm(isActive: true), by: owner)
        #expect(resumed.isPublic)
        #expect(try fixture.listings.search(SearchQuery()).hits.map(\.id) == [property.id])
    }

    @Test("the admins' queue lists and counts the properties of a status, oldest first, deleted ones left out")
    func verificationQueueLeavesDeletedOut() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        var pending: [PropertyID] = []
        for _ in 0..<5 { pending.append(try await fixture.listings.createProperty(ListingsFixture.form(), by: owner).id) }
        let verified = try await fixture.listed(owner: owner, admin: admin)
        try await fixture.listings.deleteProperty(pending[1], by: owner)
        let waiting = [pending[0]] + pending[2...]
        #expect(try fixture.listings.propertyCount(withStatus: .pending, by: admin) == 4)
        #expect(try fixture.listings.properties(withStatus: .pending, by: admin, limit: 10).map(\.id) == waiting)
        let secondPage = try fixture.listings.properties(withStatus: .pending, by: admin, limit: 10, after: pending[2])
        #expect(secondPage.map(\.id) == Array(pending[3...]))
        #expect(try fixture.listings.propertyCount(withStatus: .verified, by: admin) == 1)
        try await fixture.listings.deleteProperty(verified.id, by: owner)
        #expect(try fixture.listings.propertyCount(withStatus: .verified, by: admin) == 0)
        #expect(try fixture.listings.propertyCount(withStatus: .rejected, by: admin) == 0)
        #expect(await listingError { _ = try fixture.listings.propertyCount(withStatus: .pending, by: owner) } == .forbidden)
    }

    @Test func pagingAnchorsMustBelongToTheList() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let other = try await fixture.user()
        let admin = try await fixture.admin()
        let mine = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        let theirs = try await fixture.listed(owner: other, admin: admin)
        #expect(
            fields(await listingError { _ = try fixture.listings.properties(ownedBy: owner.id, viewer: owner, limit: 5, before: theirs.id) }) == [
                "before"
            ])
        #expect(
            fields(await listingError { _ = try fixture.listings.properties(withStatus: .pending, by: admin, limit: 5, after: theirs.id) }) == [
                "after"
            ])
        #expect(try fixture.listings.properties(withStatus: .pending, by: admin, limit: 5, after: mine.id).isEmpty)
    }

    @Test func aPropertyWithCurrentOrFutureBookingsCannotBeDeleted() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: owner)?.first)
        let today = CalendarDate(fixture.clock.now, in: TimeZone(identifier: "Asia/Kolkata")!)
        // A stay that ended yesterday does not block; one that runs through today does.
        try await fixture.hold(room.id, from: today.adding(days: -5).description, nights: 5)
        try await fixture.hold(room.id, from: today.adding(days: 30).description, nights: 3, expiresAt: fixture.clock.now.addingTimeInterval(60))
        guard case .stillBooked(let reason) = await listingError({ try await fixture.listings.deleteProperty(property.id, by: owner) }) else {
            Issue.record("expected stillBooked")
            return
        }
        #expect(reason.contains("room 101"))
        #expect(
            await listingError { try await fixture.listings.deleteRoom(room.id, by: owner) }
                == .stillBooked("room 101 has current or future bookings; cancel them first"))
        // The future hold was a pending one; once it expires nothing holds the room any more.
        fixture.clock.advance(.seconds(61))
        try await fixture.listings.deleteProperty(property.id, by: owner)
        #expect(try fixture.listings.property(property.id, viewer: owner)?.property.isActive == false)
    }
}

/// Tiny valid image files, different for each seed.
enum TestImages {
    static func png(_ seed: UInt8) -> [UInt8] { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, seed, 0, 0, 13] }
    static func jpeg(_ seed: UInt8) -> [UInt8] { [0xFF, 0xD8, 0xFF, 0xE0, seed, 0x10] }
}
