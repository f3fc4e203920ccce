import BMSStore
import Foundation
import Testing

@testable import BMSCore

/// A listings fixture with a booking service on the same store and clock, a listed property (one room
/// of `capacity` beds at ₹9,000 a month, ₹5,000 deposit) and a seeker.
final class BookingsFixture {
    let base: ListingsFixture
    let events = DomainEvents()
    let bookings: BookingService
    let owner: User
    let seeker: User
    let admin: User
    let property: Property
    let room: Room

    var clock: TestClock { base.clock }
    var store: Store { base.store }

    /// The clock starts at 2026-09-21 (IST); stays are booked in 2027.
    init(capacity: Int = 2, instantBook: Bool = true, policy: String = "flexible", settings: BookingSettings = BookingSettings()) async throws {
        base = try ListingsFixture()
        let clock = base.clock
        bookings = try BookingService(store: base.store, settings: settings, events: events, now: { clock.now })
        owner = try await base.user("owner")
        seeker = try await base.user("seeker", first: "Sana")
        admin = try await base.admin()
        var form = ListingsFixture.form()
        form.instantBook = instantBook
        form.cancellationPolicy = policy
        let created = try await base.listings.createProperty(form, by: owner)
        room = try await base.listings.createRoom(
            RoomForm(
                propertyId: created.id.description, roomNumber: "1", roomType: "Double", price: 900_000, securityDeposit: 500_000, capacity: capacity),
            by: owner
        )
        property = try await base.listings.verify(created.id, VerificationDecision(status: "verified"), by: admin)
    }

    func form(_ checkIn: String, _ checkOut: String, beds: Int = 1, total: Int64? = nil) -> BookingForm {
        BookingForm(
            propertyId: property.id.description, roomId: room.id.description, checkInDate: checkIn, checkOutDate: checkOut, beds: beds,
            totalAmount: total
        )
    }

    @discardableResult
    func book(_ checkIn: String, _ checkOut: String, beds: Int = 1, by user: User? = nil) async throws -> Booking {
        try await bookings.create(form(checkIn, checkOut, beds: beds), by: user ?? seeker)
    }

    func bedsFree(_ from: String, _ to: String) throws -> [Int] {
        try #require(try base.listings.availability(of: room.id, from: CalendarDate(from)!, to: CalendarDate(to)!, viewer: nil)).nights.map(
            \.bedsFree)
    }
}

func bookingError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> BookingError? {
    await thrown(BookingError.self, body, sourceLocation: sourceLocation)
}
