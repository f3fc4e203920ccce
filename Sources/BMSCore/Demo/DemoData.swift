import BMSStore
import Foundation

/// The demo data set of `bms seed` and `bms serve --demo` (the product brief's seed set): one admin, three
/// owners, ten properties with rooms in real Indian neighbourhoods (seven verified, two pending, one
/// rejected), twenty seekers and thirty bookings in every state, paid ones paid through the payments
/// domain with the test card so each has its matching payment. Everything goes through the domain
/// services, so it obeys every rule a user's request would. Seeding a data file that already has users
/// does nothing.
public struct DemoData: Sendable {
    /// Every demo account's password (printed on start; a demo is not for real data).
    public static let password = "bookmysleep-demo-1"
    public static let adminEmail = "admin@bookmysleep.demo"

    let accounts: AccountService
    let listings: ListingService
    /// Books and pays for stays in the past as they were made then: services whose clock is set back.
    let makeServices: MakeServices
    let now: @Sendable () -> Date

    public init(
        accounts: AccountService, listings: ListingService,
        makeServices: @escaping MakeServices, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.accounts = accounts
        self.listings = listings
        self.makeServices = makeServices
        self.now = now
    }

    /// The bookings and payments services on the demo's store with the given clock.
    public typealias MakeServices = @Sendable (_ now: @escaping @Sendable () -> Date) throws -> (BookingService, PaymentService)

    /// What was made, for the start-up banner.
    public struct Summary: Sendable, Equatable {
        public var users: Int
        public var properties: Int
        public var rooms: Int
        public var bookings: Int
    }

    /// Seeds an empty data file; returns nil (and changes nothing) when it already has users.
    public func seedIfEmpty() async throws -> Summary? {
        guard try accounts.store.read({ txn in try accounts.users.count(txn) }) == 0 else { return nil }
        let admin = try await accounts.createAdmin(
            firstName: "Aditi", lastName: "Admin", email: Self.adminEmail, password: Self.password, phoneNumber: "+91 80 4000 0000")
        var owners: [User] = []
        for (index, (first, last)) in [("Ravi", "Kumar"), ("Meera", "Iyer"), ("Farhan", "Shaikh")].enumerated() {
            owners.append(try await register(first, last, "owner\(index + 1)@bookmysleep.demo", role: "owner"))
        }
        var seekers: [User] = []
        for index in 1...20 {
            let (first, last) = DemoPlaces.seekerNames[(index - 1) % DemoPlaces.seekerNames.count]
            seekers.append(try await register(first, last, "seeker\(index)@bookmysleep.demo", role: "seeker"))
        }
        var listed: [(Property, [Room])] = []
        var rooms = 0
        for (index, place) in DemoPlaces.all.enumerated() {
            let owner = owners[index % owners.count]
            let property = try await listings.createProperty(place.form, by: owner)
            var made: [Room] = []
            for (number, room) in place.rooms.enumerated() {
                made.append(try await listings.createRoom(room.form(property.id, number: 101 + number), by: owner))
            }
            rooms += made.count
            let decision: VerificationDecision? =
                switch index % 10 {
                case 7, 8: nil
                case 9: VerificationDecision(status: "rejected", reason: "The photos do not show the rooms; please add them.")
                default: VerificationDecision(status: "verified")
                }
            if let decision {
                let decided = try await listings.verify(property.id, decision, by: admin)
                if decided.isPublic { listed.append((decided, made)) }
            }
        }
        let bookings = try await DemoBookings(listed: listed, seekers: seekers, owners: owners, makeServices: makeServices, now: now).make()
        return Summary(users: 1 + owners.count + seekers.count, properties: DemoPlaces.all.count, rooms: rooms, bookings: bookings)
    }

    private func register(_ first: String, _ last: String, _ email: String, role: String) async throws -> User {
        try await accounts.register(
            RegistrationForm(firstName: first, lastName: last, email: email, password: Self.password, phoneNumber: "+91 98450 00000", role: role)
        ).user
    }
}
