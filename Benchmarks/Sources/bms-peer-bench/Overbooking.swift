import BMSCore
import BMSStore
import Foundation
import ListingDataSet

/// After W1: reads every booking back from the store and counts the (room, night) pairs whose beds held
/// by bookings (pending with a running hold, or confirmed) exceed the room's capacity, from the booking
/// records themselves rather than the bed ledger that `create` consulted. Must be 0. The same count is then
/// taken once more with `capacity + 1` overlapping two-night bookings planted on one room, and must not
/// be 0 (peer-bench's negative control), so the check is known to be able to fail.
enum Overbooking {
    struct Result: Encodable {
        var readBack: Int
        var violations: Int
        var negativeControl: Int

        enum CodingKeys: String, CodingKey {
            case violations
            case readBack = "bookings_read_back"
            case negativeControl = "negative_control_violations"
        }
    }

    /// A stay holding beds: what the count adds up.
    struct Stay {
        var room: RoomID
        var property: PropertyID
        var checkIn: CalendarDate
        var checkOut: CalendarDate
        var beds: Int
    }

    static func check(_ service: BookingService, _ listings: ListingService, seekers: [User], expected: Int, now: Date = Date()) throws -> Result {
        var stays: [Stay] = []
        for seeker in seekers {
            var before: BookingID?
            while true {
                let page = try service.bookings(ofUser: seeker.id, viewer: seeker, limit: 100, before: before)
                for booking in page where booking.status == .confirmed || (booking.status == .pending && (booking.holdExpiresAt ?? now) > now) {
                    stays.append(
                        Stay(
                            room: booking.roomID, property: booking.propertyID, checkIn: booking.checkIn, checkOut: booking.checkOut,
                            beds: booking.beds))
                }
                guard page.count == 100, let last = page.last else { break }
                before = last.id
            }
        }
        guard stays.count == expected else {
            throw DataSetError("W1 acknowledged \(expected) bookings, but \(stays.count) hold beds in the store")
        }
        let capacities = try capacities(of: stays, in: listings)
        let violations = count(stays, capacities)
        guard let planted = stays.first else { return Result(readBack: 0, violations: 0, negativeControl: 0) }
        let night = CalendarDate(year: 2030, month: 1, day: 1)!
        let checkOut = CalendarDate(daysSinceEpoch: night.daysSinceEpoch + 2)
        let overbooked = (0...capacities[planted.room]!).map { _ in
            Stay(room: planted.room, property: planted.property, checkIn: night, checkOut: checkOut, beds: 1)
        }
        return Result(readBack: stays.count, violations: violations, negativeControl: count(stays + overbooked, capacities))
    }

    /// (room, night) pairs over capacity.
    static func count(_ stays: [Stay], _ capacities: [RoomID: Int]) -> Int {
        var beds: [RoomID: [Int32: Int]] = [:]
        for stay in stays {
            for night in stay.checkIn.daysSinceEpoch..<stay.checkOut.daysSinceEpoch { beds[stay.room, default: [:]][night, default: 0] += stay.beds }
        }
        return beds.reduce(0) { total, room in total + room.value.values.filter { $0 > capacities[room.key]! }.count }
    }

    /// Each booked room's capacity, as the property page reads it from the store.
    private static func capacities(of stays: [Stay], in listings: ListingService) throws -> [RoomID: Int] {
        var capacities: [RoomID: Int] = [:]
        for property in Set(stays.map(\.property)) {
            guard let details = try listings.property(property, viewer: nil) else { throw DataSetError("property \(property) is gone") }
            for room in details.rooms { capacities[room.id] = room.capacity }
        }
        return capacities
    }
}
