import BMSStore
import Foundation
import StoreTestSupport
import Testing

@testable import BMSCore

/// An accounts fixture with a listing service on the same store and clock, and helpers that list
/// properties the way owners and admins do.
final class ListingsFixture {
    let accounts: AccountsFixture
    let listings: ListingService
    let notifications: Notifications
    private var emails = 0

    var store: Store { accounts.store }
    var clock: TestClock { accounts.clock }

    init(searchSnapshot: SearchSnapshotMode = .off) throws {
        accounts = try AccountsFixture()
        let clock = accounts.clock
        listings = try ListingService(
            store: accounts.store, publicURL: AccountsFixture.publicURL, now: { clock.now }, searchSnapshot: searchSnapshot)
        notifications = try Notifications(store: accounts.store)
    }

    /// A new user of `role` with a fresh e-mail address.
    func user(_ role: String = "owner", first: String = "Omar") async throws -> User {
        emails += 1
        return try await accounts.register("\(role)\(emails)@example.com", first: first, role: role).user
    }

    func admin() async throws -> User { try await accounts.makeAdmin("admin\(emails)@bookmysleep.example") }

    static func form(
        name: String = "Sunrise PG Koramangala", city: String = "Bengaluru", locality: String = "Koramangala",
        lat: Double = 12.9352, lng: Double = 77.6245, type: String = "PG", amenities: [String] = ["wifi", "meals"],
        description: String = "Furnished rooms near the metro"
    ) -> PropertyForm {
        PropertyForm(
            propertyName: name, description: description,
            address: AddressForm(
                street: "12 80 Feet Road", locality: locality, city: city, state: "Karnataka", country: "India", zipCode: "560034",
                coordinates: CoordinatesForm(lat: lat, lng: lng)
            ),
            propertyType: type, amenities: amenities, rules: ["No smoking"]
        )
    }

    static func roomForm(
        _ property: PropertyID, number: String = "101", type: String = "Double", price: Int64 = 800_000, capacity: Int = 2
    ) -> RoomForm {
        RoomForm(propertyId: property.description, roomNumber: number, roomType: type, price: price, securityDeposit: price, capacity: capacity)
    }

    /// A property of `owner` with one room, verified by `admin`: what public search shows.
    @discardableResult
    func listed(_ form: PropertyForm = ListingsFixture.form(), owner: User, admin: User, price: Int64 = 800_000) async throws -> Property {
        let property = try await listings.createProperty(form, by: owner)
        _ = try await listings.createRoom(Self.roomForm(property.id, price: price), by: owner)
        return try await listings.verify(property.id, VerificationDecision(status: "verified"), by: admin)
    }

    /// Holds `beds` of `room` from `checkIn` for `nights` with a stored booking: confirmed, or pending
    /// until `expiresAt`.
    func hold(_ room: RoomID, from checkIn: String, nights: Int, beds: Int = 1, expiresAt: Date? = nil) async throws {
        let start = try #require(CalendarDate(checkIn))
        let bookings = try RecordCollection<BookingRecord>(in: store)
        let rooms = try RecordCollection<RoomRecord>(in: store)
        let now = clock.now
        try await store.write { txn in
            let stored = try #require(try rooms.get(txn, room.objectID)?.room)
            try bookings.insert(
                txn,
                BookingRecord(
                    Booking(
                        id: BookingID(ObjectID(time: now)), seekerID: UserID(ObjectID()), ownerID: UserID(ObjectID()),
                        propertyID: stored.propertyID, roomID: room, checkIn: start, checkOut: start.adding(days: nights),
                        quote: BookingQuote(price: stored.price, deposit: stored.securityDeposit, nights: nights, beds: beds, feeBasisPoints: 0),
                        timeZone: "Asia/Kolkata", cancellationPolicy: .flexible, instantBook: false,
                        status: expiresAt == nil ? .confirmed : .pending, paymentStatus: expiresAt == nil ? .paid : .pending,
                        holdExpiresAt: expiresAt, paymentMethod: "card", specialRequests: "", paymentIntentID: nil, amountRefunded: .zero,
                        history: [], createdAt: now, updatedAt: now
                    )
                )
            )
        }
    }

    func expectClean(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try accounts.expectClean(sourceLocation: sourceLocation)
    }
}

/// The error `body` throws, as a `ListingError`.
func listingError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> ListingError? {
    await thrown(ListingError.self, body, sourceLocation: sourceLocation)
}

/// The field names of a listing validation error.
func fields(_ error: ListingError?) -> Set<String> {
    guard case .validation(let problems) = error else { return [] }
    return Set(problems.keys)
}
