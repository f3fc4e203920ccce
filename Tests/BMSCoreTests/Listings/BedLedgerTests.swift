import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Bed ledger: stays filed by length")
struct BedLedgerTests {
    @Test("stays of every length count on each night they cover, however long before the nights asked they began (brute force)")
    func randomStaysMatchABruteForceCount() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let property = try await fixture.listed(owner: owner, admin: admin)
        let room = try #require(try fixture.listings.rooms(of: property.id, viewer: nil)?.first)
        let other = try await fixture.listings.createRoom(ListingsFixture.roomForm(property.id, number: "102"), by: owner)
        let origin = try #require(CalendarDate("2027-01-01"))
        var random = SystemRandomNumberGenerator()
        // (room, first night, nights) — one of each stay class's lengths at random, spread over two years.
        var stays: [(room: RoomID, checkIn: CalendarDate, nights: Int)] = []
        for _ in 0..<120 {
            let lengths = [1...7, 8...31, 32...92, 93...BedLedger.maximumNights].randomElement(using: &random)!
            let stay = (
                room: Bool.random(using: &random) ? room.id : other.id, checkIn: origin.adding(days: Int.random(in: 0..<730, using: &random)),
                nights: Int.random(in: lengths, using: &random)
            )
            stays.append(stay)
            try await fixture.hold(stay.room, from: stay.checkIn.description, nights: stay.nights)
        }
        for _ in 0..<40 {
            let from = origin.adding(days: Int.random(in: 0..<800, using: &random))
            let to = from.adding(days: Int.random(in: 1...60, using: &random))
            let held = try #require(try fixture.listings.availability(of: room.id, from: from, to: to, viewer: nil)).nights.map(\.bedsHeld)
            let expected = (0..<from.nights(until: to)).map { offset in
                let night = from.adding(days: offset)
                return stays.filter { $0.room == room.id && $0.checkIn <= night && night < $0.checkIn.adding(days: $0.nights) }.count
            }
            #expect(held == expected, "\(from)..<\(to) with stays \(stays.map { "\($0.room == room.id ? "A" : "B") \($0.checkIn)+\($0.nights)" })")
        }
        try fixture.expectClean()
    }

    @Test("a property's calendar lists stays of every length in check-in order, page after page, and a long stay begun months before the dates asked")
    func theCalendarMergesStayClasses() async throws {
        let fixture = try await BookingsFixture(capacity: 6)
        let long = try await fixture.book("2027-01-01", "2027-07-20")  // 200 nights
        let month = try await fixture.book("2027-01-20", "2027-03-01")
        let short = try await fixture.book("2027-02-01", "2027-02-04")
        let tenNights = try await fixture.book("2027-02-01", "2027-02-11")
        let night = try await fixture.book("2027-07-10", "2027-07-11")
        let owner = fixture.owner
        func page(_ filter: BookingFilter = BookingFilter(), after: BookingID? = nil) throws -> [BookingID] {
            try fixture.bookings.bookings(ofProperty: fixture.property.id, viewer: owner, filter: filter, limit: 2, after: after).map(\.id)
        }
        #expect(try page() == [long.id, month.id])
        #expect(try page(after: month.id) == [short.id, tenNights.id])
        #expect(try page(after: tenNights.id) == [night.id])
        #expect(try page(after: night.id) == [])
        #expect(try page(BookingFilter(from: CalendarDate("2027-07-01"), to: CalendarDate("2027-08-01"))) == [long.id, night.id])
        #expect(try fixture.bedsFree("2027-07-09", "2027-07-12") == [5, 4, 5])
    }
}
