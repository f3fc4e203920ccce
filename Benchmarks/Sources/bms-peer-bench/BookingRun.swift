import BMSCore
import BMSStore
import Foundation
import ListingDataSet
import Synchronization

/// W1 in process: `clients` concurrent tasks, each a seeker of its own, create bookings of one bed
/// through `BookingService.create` (a write transaction checking every night's free beds, committed
/// durably by the store's group commit) until `seconds` have passed or the requests run out. Every task
/// takes the next request of the shared list, so the engines see the same requests in about the same order.
struct BookingRun {
    struct Result: Encodable {
        var clients: Int
        var seconds: Double
        var wall: Double
        var booked: Int
        var rejected: Int
        var errors: Int
        var bookedPerSecond: Double
        var attemptsPerSecond: Double
        var latencyAll: LatencySummary?
        var latencyBooked: LatencySummary?
        var storeCommits: Int
        var overbooking: Overbooking.Result

        /// The names the Python side (py/common.py) writes too.
        enum CodingKeys: String, CodingKey {
            case clients, seconds, booked, errors, overbooking
            case wall = "wall_s"
            case rejected = "rejected_full"
            case bookedPerSecond = "booked_commits_per_s"
            case attemptsPerSecond = "attempts_per_s"
            case latencyAll = "latency_all_attempts"
            case latencyBooked = "latency_booked"
            case storeCommits = "store_commits"
        }
    }

    let store: Store
    let clients: Int
    let seconds: Double

    func run(_ requests: [PeerExport.BookingLine], log: (String) -> Void) async throws -> Result {
        let bookings = try BookingService(store: store, events: DomainEvents())
        let seekers = try await Self.seekers(clients, in: store)
        let next = NextRequest()
        let commitsBefore = store.writeStatistics.commits
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let outcomes = try await withThrowingTaskGroup(of: ClientOutcome.self) { group in
            for seeker in seekers {
                group.addTask {
                    var outcome = ClientOutcome()
                    while clock.now < deadline {
                        let position = next.take()
                        guard position < requests.count else { break }
                        let request = requests[position]
                        let form = BookingForm(
                            propertyId: request.propertyId, roomId: request.roomId, checkInDate: request.checkIn,
                            checkOutDate: request.checkOut, beds: 1)
                        let begun = clock.now
                        do {
                            _ = try await bookings.create(form, by: seeker)
                            outcome.booked.append(begun.duration(to: clock.now))
                        } catch {
                            guard case BookingError.unavailable = error else {
                                outcome.errors += 1
                                outcome.firstError = outcome.firstError ?? "\(error)"
                                outcome.all.append(begun.duration(to: clock.now))
                                continue
                            }
                            outcome.rejected += 1
                        }
                        outcome.all.append(begun.duration(to: clock.now))
                    }
                    return outcome
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let wall = LatencySummary.milliseconds(started.duration(to: clock.now)) / 1000
        if let error = outcomes.compactMap(\.firstError).first { log("W1: first error: \(error)") }
        let booked = outcomes.reduce(0) { $0 + $1.booked.count }
        let rejected = outcomes.reduce(0) { $0 + $1.rejected }
        let listings = try ListingService(store: store, publicURL: "http://127.0.0.1")
        let check = try Overbooking.check(bookings, listings, seekers: seekers, expected: booked)
        return Result(
            clients: clients, seconds: seconds, wall: (wall * 100).rounded() / 100, booked: booked, rejected: rejected,
            errors: outcomes.reduce(0) { $0 + $1.errors }, bookedPerSecond: (Double(booked) / wall * 10).rounded() / 10,
            attemptsPerSecond: (Double(booked + rejected) / wall * 10).rounded() / 10,
            latencyAll: LatencySummary(outcomes.flatMap(\.all)), latencyBooked: LatencySummary(outcomes.flatMap(\.booked)),
            storeCommits: store.writeStatistics.commits - commitsBefore, overbooking: check)
    }

    /// The shared position in the request list.
    private final class NextRequest: Sendable {
        private let position = Atomic(0)
        func take() -> Int { position.add(1, ordering: .relaxed).oldValue }
    }

    private struct ClientOutcome: Sendable {
        var all: [Duration] = []
        var booked: [Duration] = []
        var rejected = 0
        var errors = 0
        var firstError: String?
    }

    /// One seeker account per client (bcrypt cost 4: registration is set-up, not measured).
    private static func seekers(_ count: Int, in store: Store) async throws -> [User] {
        let accounts = try AccountService(
            store: store, settings: AccountSettings(publicURL: "http://127.0.0.1", bcryptCost: 4, allowWeakHashing: true))
        var users: [User] = []
        for index in 0..<count {
            let form = RegistrationForm(
                firstName: "Seeker", lastName: "W\(index)", email: "w1-seeker-\(index)@example.com", password: "w1 seeker password \(index)",
                phoneNumber: "+91 98765 43210", role: "seeker")
            users.append(try await accounts.register(form).user)
        }
        return users
    }
}
