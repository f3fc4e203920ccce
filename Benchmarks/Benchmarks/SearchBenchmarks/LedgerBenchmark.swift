import BMSCore
import BMSStore
import Benchmark
import Foundation
import Synchronization

// The bed ledger under history: one 20-bed dormitory that has taken a one-night stay on every bed of every
// night of the past year (7,300 bookings, made through `BookingService` on a clock set back day by day), then
// one iteration is `ListingService.availability` of that room for the next 30 nights — the ledger read
// behind booking, confirming and searching by dates. What it costs should follow the nights asked and the
// beds, not the year behind them (see `BedLedger`).

/// Registers the benchmark; called from `benchmarks`.
func ledgerBenchmark() {
    Benchmark(
        "Room availability, next 30 nights, after a year of one-night stays on 20 beds",
        configuration: .init(metrics: SearchFixture.metrics, warmupIterations: 100, maxDuration: .seconds(5), maxIterations: 100_000)
    ) { benchmark, fixture in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let nights = try? fixture.listings.availability(of: fixture.room, from: fixture.today, to: fixture.today.adding(days: 30), viewer: nil)
            precondition(nights?.nights.count == 30, "the room's availability was not read")
            blackHole(nights)
        }
        benchmark.stopMeasurement()
    } setup: {
        try await LedgerFixture.make()
    } teardown: {
        LedgerFixture.closeCurrent()
    }
}

/// A fresh data file in a temporary directory with the dormitory and its year of stays.
final class LedgerFixture: Sendable {
    static let beds = 20
    static let days = 365

    let directory: String
    let store: Store
    let listings: ListingService
    let room: RoomID
    let today: CalendarDate

    private init(directory: String, store: Store, listings: ListingService, room: RoomID, today: CalendarDate) {
        (self.directory, self.store, self.listings, self.room, self.today) = (directory, store, listings, room, today)
    }

    private static let current = Mutex<LedgerFixture?>(nil)

    static func make() async throws -> LedgerFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bms-ledger-bench-\(UUID().uuidString)").path
        let store = try Store.open(at: directory, options: StoreOptions(), schema: BookMySleepSchema.current)
        // Each booking's check-in must be "today" for its booking service: the clock walks through the year.
        let start = Date().addingTimeInterval(-Double(days + 1) * 86_400)
        let clock = Mutex(start)
        let now: @Sendable () -> Date = { clock.withLock { $0 } }
        let accounts = try AccountService(
            store: store, settings: AccountSettings(publicURL: "http://127.0.0.1", bcryptCost: 4, allowWeakHashing: true), now: now)
        let listings = try ListingService(store: store, publicURL: "http://127.0.0.1", now: now)
        let bookings = try BookingService(store: store, events: DomainEvents(), now: now)
        func user(_ role: String) async throws -> User {
            try await accounts.register(
                RegistrationForm(
                    firstName: "Ledger", lastName: role, email: "ledger-\(role)@example.com", password: "ledger bench \(role) password",
                    phoneNumber: "+91 98765 43210", role: role)
            ).user
        }
        let (owner, seeker) = (try await user("owner"), try await user("seeker"))
        let admin = try await accounts.createAdmin(
            firstName: "Ledger", lastName: "Admin", email: "ledger-admin@example.com", password: "ledger bench admin password",
            phoneNumber: "+91 98765 43210")
        let form = PropertyForm(
            propertyName: "Hostel of many nights", description: "One dormitory, booked every night",
            address: AddressForm(
                street: "1 MG Road", locality: "Indiranagar", city: "Bengaluru", state: "Karnataka", country: "India", zipCode: "560038",
                coordinates: CoordinatesForm(lat: 12.9784, lng: 77.6408)),
            propertyType: "Hostel", amenities: ["wifi"], rules: [])
        let property = try await listings.createProperty(form, by: owner)
        let room = try await listings.createRoom(
            RoomForm(
                propertyId: property.id.description, roomNumber: "D1", roomType: "Dormitory", price: 30_000, securityDeposit: 0,
                capacity: beds),
            by: owner)
        _ = try await listings.verify(property.id, VerificationDecision(status: "verified"), by: admin)
        var day = CalendarDate(start, inZone: "Asia/Kolkata")
        for _ in 0..<days {
            let night = BookingForm(
                propertyId: property.id.description, roomId: room.id.description, checkInDate: day.description,
                checkOutDate: day.adding(days: 1).description, beds: 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<beds { group.addTask { _ = try await bookings.create(night, by: seeker) } }
                try await group.waitForAll()
            }
            clock.withLock { $0 = $0.addingTimeInterval(86_400) }
            day = day.adding(days: 1)
        }
        clock.withLock { $0 = $0.addingTimeInterval(86_400) }
        let fixture = LedgerFixture(directory: directory, store: store, listings: listings, room: room.id, today: day.adding(days: 1))
        current.withLock { $0 = fixture }
        return fixture
    }

    static func closeCurrent() {
        guard let fixture = current.withLock({ $0.take() }) else { return }
        fixture.store.close()
        try? FileManager.default.removeItem(atPath: fixture.directory)
    }
}
