import BMSStore
import Foundation

/// A room's beds night by night over a range of dates, and whether the range can be booked.
public struct RoomAvailability: Sendable, Equatable {
    public struct Night: Sendable, Equatable {
        public var date: CalendarDate
        public var bedsTotal: Int
        public var bedsHeld: Int
        public var bedsFree: Int
    }

    public var room: RoomID
    public var from: CalendarDate
    public var to: CalendarDate
    public var nights: [Night]
    /// The most beds free on every night of the range (0 when the room is not offered then).
    public var maxBeds: Int
    public var bookable: Bool { maxBeds > 0 }
}

extension ListingService {
    /// The longest range availability answers for, in nights.
    public static let availabilityNightLimit = 365

    /// Beds per night from `from` to `to` (check-out day, not a night) for a room `viewer` may see.
    /// Nights before the room's `availableFrom`, or all of them when the room is switched off or its
    /// property is not public, have no free beds.
    public func availability(of id: RoomID, from: CalendarDate, to: CalendarDate, viewer: User?) throws -> RoomAvailability? {
        let nightCount = from.nights(until: to)
        guard nightCount >= 1 else { throw ListingError.validation(["to": "must be after from"]) }
        guard nightCount <= Self.availabilityNightLimit else {
            throw ListingError.validation(["to": "at most \(Self.availabilityNightLimit) nights after from"])
        }
        let now = now()
        return try store.read { txn in
            guard let record = try visibleRoom(txn, id, viewer: viewer),
                let property = try properties.get(txn, record.room.propertyID.objectID)?.property
            else { return nil }
            let room = record.room
            let held = try ledger.bedsHeld(txn, room: id, of: room.propertyID, from: from, to: to, now: now)
            let offered = room.isOffered && property.isPublic
            let nights = held.enumerated().map { offset, beds in
                let date = from.adding(days: offset)
                let open = offered && (room.availableFrom.map { $0 <= date } ?? true)
                return RoomAvailability.Night(
                    date: date, bedsTotal: room.capacity, bedsHeld: beds, bedsFree: open ? max(0, room.capacity - beds) : 0
                )
            }
            return RoomAvailability(room: id, from: from, to: to, nights: nights, maxBeds: nights.map(\.bedsFree).min() ?? 0)
        }
    }
}
