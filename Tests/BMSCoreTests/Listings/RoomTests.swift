import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Rooms: CRUD, numbers, ownership and availability")
struct RoomTests {
    @Test func roomsBelongToTheirPropertyAndNumbersAreUniqueWithinIt() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let first = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        let second = try await fixture.listings.createProperty(ListingsFixture.form(name: "Second Home"), by: owner)
        let room = try await fixture.listings.createRoom(ListingsFixture.roomForm(first.id, number: "G-1"), by: owner)
        #expect(room.capacity == 2 && room.price == Money(minorUnits: 800_000) && room.isAvailable)
        #expect(
            await listingError { _ = try await fixture.listings.createRoom(ListingsFixture.roomForm(first.id, number: "g-1"), by: owner) }
                == .roomNumberTaken)
        _ = try await fixture.listings.createRoom(ListingsFixture.roomForm(second.id, number: "G-1"), by: owner)
        let other = try await fixture.listings.createRoom(ListingsFixture.roomForm(first.id, number: "G-2"), by: owner)
        #expect(
            await listingError { _ = try await fixture.listings.updateRoom(other.id, RoomForm(roomNumber: "G-1"), by: owner) } == .roomNumberTaken)
        // A deleted room gives its number back.
        try await fixture.listings.deleteRoom(room.id, by: owner)
        let renumbered = try await fixture.listings.updateRoom(other.id, RoomForm(roomNumber: "G-1"), by: owner)
        #expect(renumbered.roomNumber == "G-1")
        #expect(try fixture.listings.rooms(of: first.id, viewer: owner)?.map(\.isActive) == [false, true])
        try fixture.expectClean()
    }

    @Test func validationNamesEveryBadField() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let property = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        let bad = RoomForm(
            propertyId: property.id.description, roomNumber: "", roomType: "Suite", price: 0, securityDeposit: -1, capacity: 0,
            amenities: ["pool"], availableFrom: "2027-02-30"
        )
        let error = await listingError { _ = try await fixture.listings.createRoom(bad, by: owner) }
        #expect(fields(error) == ["roomNumber", "roomType", "price", "securityDeposit", "capacity", "amenities", "availableFrom"])
        #expect(fields(await listingError { _ = try await fixture.listings.createRoom(RoomForm(propertyId: "nope"), by: owner) }) == ["propertyId"])
        let moved = await listingError {
            _ = try await fixture.listings.updateRoom(
                try await fixture.listings.createRoom(ListingsFixture.roomForm(property.id), by: owner).id,
                RoomForm(propertyId: ObjectID().description), by: owner)
        }
        #expect(fields(moved) == ["propertyId"])
    }

    @Test func anotherOwnerCannotTouchTheRooms() async throws {
        let fixture = try ListingsFixture()
        let ownerA = try await fixture.user()
        let ownerB = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: ownerA, admin: admin)
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: nil)?.first)
        #expect(
            await listingError { _ = try await fixture.listings.createRoom(ListingsFixture.roomForm(property.id, number: "9"), by: ownerB) }
                == .forbidden)
        #expect(await listingError { _ = try await fixture.listings.updateRoom(room.id, RoomForm(price: 1), by: ownerB) } == .forbidden)
        #expect(await listingError { try await fixture.listings.deleteRoom(room.id, by: ownerB) } == .forbidden)
        #expect(await listingError { _ = try await fixture.listings.addImages([TestImages.png(1)], to: .room(room.id), by: ownerB) } == .forbidden)
        let cheaper = try await fixture.listings.updateRoom(room.id, RoomForm(price: 700_000), by: admin)
        #expect(cheaper.price == Money(minorUnits: 700_000))
        #expect(try fixture.listings.search(SearchQuery()).hits.first?.minPrice == Money(minorUnits: 700_000))
    }

    @Test func availabilityCountsHoldsNightByNight() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: nil)?.first)
        let from = try #require(CalendarDate("2027-01-10"))
        let to = try #require(CalendarDate("2027-01-15"))

        let empty = try #require(try fixture.listings.availability(of: room.id, from: from, to: to, viewer: nil))
        #expect(empty.nights.map(\.bedsFree) == [2, 2, 2, 2, 2])
        #expect(empty.nights.first?.date == from && empty.nights.last?.date == to.adding(days: -1))
        #expect(empty.bookable && empty.maxBeds == 2)

        try await fixture.hold(room.id, from: "2027-01-08", nights: 3)
        try await fixture.hold(room.id, from: "2027-01-12", nights: 1)
        try await fixture.hold(room.id, from: "2027-01-14", nights: 5, expiresAt: fixture.clock.now.addingTimeInterval(600))
        try await fixture.hold(room.id, from: "2027-01-15", nights: 2)
        // Another room of the property, full all week: its bookings sit in the same ledger range and must
        // not count for this room.
        let other = try await fixture.listings.createRoom(ListingsFixture.roomForm(property.id, number: "102"), by: owner)
        try await fixture.hold(other.id, from: "2027-01-09", nights: 7, beds: 2)
        let otherHeld = try #require(try fixture.listings.availability(of: other.id, from: from, to: to, viewer: nil))
        #expect(otherHeld.nights.map(\.bedsHeld) == [2, 2, 2, 2, 2])
        let held = try #require(try fixture.listings.availability(of: room.id, from: from, to: to, viewer: nil))
        #expect(held.nights.map(\.bedsHeld) == [1, 0, 1, 0, 1])
        #expect(held.nights.map(\.bedsFree) == [1, 2, 1, 2, 1])
        #expect(held.maxBeds == 1)

        try await fixture.hold(room.id, from: "2027-01-12", nights: 1)
        let full = try #require(try fixture.listings.availability(of: room.id, from: from, to: to, viewer: nil))
        #expect(full.nights.map(\.bedsFree) == [1, 2, 0, 2, 1])
        #expect(!full.bookable)

        // The pending hold lapses at its expiry, before any job removes it.
        fixture.clock.advance(.seconds(601))
        let lapsed = try #require(try fixture.listings.availability(of: room.id, from: from, to: to, viewer: nil))
        #expect(lapsed.nights.map(\.bedsHeld) == [1, 0, 2, 0, 0])
    }

    @Test func availabilityRespectsTheRoomsSwitchAndStartDate() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: nil)?.first)
        let from = try #require(CalendarDate("2027-03-01"))
        _ = try await fixture.listings.updateRoom(room.id, RoomForm(availableFrom: "2027-03-03"), by: owner)
        let later = try #require(try fixture.listings.availability(of: room.id, from: from, to: from.adding(days: 4), viewer: nil))
        #expect(later.nights.map(\.bedsFree) == [0, 0, 2, 2])
        _ = try await fixture.listings.updateRoom(room.id, RoomForm(isAvailable: false, availableFrom: ""), by: owner)
        #expect(try fixture.listings.availability(of: room.id, from: from, to: from.adding(days: 2), viewer: nil)?.bookable == false)
        // Switched off, the room leaves search: its property has nothing else to offer.
        #expect(try fixture.listings.search(SearchQuery()).total == 0)
        #expect(fields(await listingError { _ = try fixture.listings.availability(of: room.id, from: from, to: from, viewer: nil) }) == ["to"])
        #expect(try fixture.listings.availability(of: RoomID(ObjectID()), from: from, to: from.adding(days: 1), viewer: nil) == nil)
    }
}
