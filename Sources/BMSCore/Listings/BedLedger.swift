import BMSStore
import Foundation

/// Which beds of a room are held on which nights, read from the bookings themselves: the bookings' "property"
/// index is keyed `(property, stay class, check-in, booking)` and each entry carries the room, the check-out
/// day, the beds and the end of the booking's hold (`cover(of:)`), so the holds that may cover a range of
/// nights are a few range scans over the property's bookings, with no record read. The ranges also hold the
/// property's other rooms' bookings and bookings that hold nothing (cancelled, completed, lapsed): their
/// covers skip them, a fraction of a µs each.
///
/// The stay class (`stayClass(nights:)`: up to a week, a month, a quarter, a year) is what keeps history out
/// of a check. A stay reaching into a range began at most its own length earlier, so each class is read
/// from its longest stay before the range: a week back for one-night stays, a year back only among stays
/// longer than a quarter. What a check reads then follows the property's beds (and what was cancelled or
/// lapsed in those windows), not how long it has taken bookings — a bed holds at most a handful of stays
/// of one class in that class's window (seven of up to a week, four of 8 to 31 nights, …). With a single
/// class (data schema v6–v7) every check read a year of the property's bookings: tens of thousands for a
/// large property of one-night stays.
///
/// The ledger was a table of its own (`bed-holds`, retired in data schema v6) written beside every
/// booking; reading it from the index the booking already writes saves a random B-tree insert on the
/// hottest write, and the index is kept in the booking's own write transaction, so it cannot disagree
/// with the booking (`bms check` compares every entry with the booking it is derived from).
///
/// A hold with an expiry (a pending booking waiting for payment) stops counting at that instant even if
/// no job has moved the booking yet; a confirmed booking's hold counts until the booking changes.
struct BedLedger: Sendable {
    /// The longest stay; a hold that starts earlier than this before a range cannot reach into it.
    static let maximumNights = BookingSettings.maximumNights
    /// The longest stay of each class, in key order; the last is `maximumNights`.
    static let stayClasses: [Int] = [7, 31, 92, maximumNights]
    static let index = "property"
    /// The table data files before schema v6 kept holds in.
    static let retiredTableName = "bed-holds"

    private static let coverFormat: UInt8 = 1
    /// Where each field of the cover starts (`cover(of:)`), and its size.
    private enum Cover {
        static let room = 1
        static let checkOut = 13
        static let beds = 17
        static let holdEnd = 21
        static let size = 29
    }
    /// A hold end meaning "until the booking changes" (a confirmed booking).
    private static let heldUntilChanged = Int64.max

    private let bookings: RecordCollection<BookingRecord>

    init(store: Store) throws {
        bookings = try RecordCollection(in: store)
    }

    /// The bytes stored beside `booking`'s entry in the property index: a format byte, the room (12
    /// bytes), the check-out day and the beds (Int32 each) and the end of its hold in microseconds
    /// (Int64; 0 when it holds nothing), little-endian.
    static func cover(of booking: Booking) -> [UInt8] {
        let holdEnd: Int64 =
            switch booking.status {
            case .confirmed: heldUntilChanged
            case .pending: booking.holdExpiresAt?.storedMicroseconds ?? 0
            default: 0
            }
        var bytes = [coverFormat]
        bytes.reserveCapacity(Cover.size)
        bytes.append(contentsOf: booking.roomID.objectID.bytes)
        withUnsafeBytes(of: Int32(booking.checkOut.daysSinceEpoch).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: Int32(clamping: booking.beds).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: holdEnd.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The class a stay of `nights` is filed under in the property index: the longest stay of its class.
    /// Booking rules keep stays within `maximumNights`.
    static func stayClass(nights: Int) -> Int {
        stayClasses.first { nights <= $0 } ?? maximumNights
    }

    /// The property index key of `booking`.
    static func indexKey(of booking: Booking) -> Tuple {
        Tuple([
            .id(booking.propertyID.objectID), .int(Int64(stayClass(nights: booking.checkIn.nights(until: booking.checkOut)))),
            .int(Int64(booking.checkIn.daysSinceEpoch)),
        ])
    }

    /// The ranges of the property index that hold `property`'s bookings that may cover a night of
    /// `from..<before` (from the first, and to the last, when nil): one per stay class, each from that
    /// class's longest stay before `from`, and past the entry of the booking `after` checked in when given
    /// (a page's last). Each range is in check-in order, then booking; together they are not.
    static func ranges(
        of property: PropertyID, from: CalendarDate?, before: CalendarDate?, after: (checkIn: CalendarDate, booking: BookingID)? = nil
    ) -> [KeyRange] {
        // Every check and every candidate of a search by dates builds these: one prefix, extended in place.
        let propertyKey = Tuple([.id(property.objectID)]).encoded
        func key(_ prefix: [UInt8], _ elements: TupleElement...) -> [UInt8] {
            var key = prefix
            key.reserveCapacity(prefix.count + 13 * elements.count)
            for element in elements { element.encode(into: &key) }
            return key
        }
        return stayClasses.map { longest in
            let classKey = key(propertyKey, .int(Int64(longest)))
            var lower = KeyRange.Bound.included(from.map { key(classKey, .int(Int64($0.adding(days: -longest).daysSinceEpoch))) } ?? classKey)
            if let after {
                let entry = key(classKey, .int(Int64(after.checkIn.daysSinceEpoch)), .id(after.booking.objectID))
                if case .included(let start) = lower, !entry.lexicographicallyPrecedes(start) { lower = .excluded(entry) }
            }
            let upper = before.map { key(classKey, .int(Int64($0.daysSinceEpoch))) } ?? classKey + [0xFF]
            return KeyRange(lower: lower, upper: .excluded(upper))
        }
    }

    /// Beds of `room` (of `property`) held on each night from `from` up to (not including) `to`, at `now`.
    func bedsHeld(
        _ txn: some Transaction, room: RoomID, of property: PropertyID, from: CalendarDate, to: CalendarDate, now: Date
    ) throws -> [Int] {
        try bedsHeld(txn, rooms: [room], of: property, from: from, to: to, now: now)[0]
    }

    /// `bedsHeld` of each of `rooms` (of `property`), in their order, read in one pass over the property's
    /// ranges rather than one per room: what searching by dates asks of each candidate's rooms.
    func bedsHeld(
        _ txn: some Transaction, rooms: [RoomID], of property: PropertyID, from: CalendarDate, to: CalendarDate, now: Date
    ) throws -> [[Int]] {
        let nights = max(0, from.nights(until: to))
        var held = [[Int]](repeating: [Int](repeating: 0, count: nights), count: rooms.count)
        guard nights > 0, !rooms.isEmpty else { return held }
        let (first, end) = (Int(from.daysSinceEpoch), Int(to.daysSinceEpoch))
        try forEachHold(txn, of: property, from: from, before: to, now: now) { room, checkIn, checkOut, beds in
            guard let index = rooms.firstIndex(of: room) else { return true }
            for night in max(checkIn, first)..<min(checkOut, end) { held[index][night - first] += beds }
            return true
        }
        return held
    }

    /// The first night of `from..<to` on which `room` (of `property`, with `capacity` beds) has fewer
    /// than `beds` free at `now`, or nil when every night has them: the one check behind booking and
    /// confirming a lapsed hold (searching by dates checks all of a property's rooms at once, `bedsHeld(rooms:)`).
    func firstShortNight(
        _ txn: some Transaction, room: RoomID, of property: PropertyID, capacity: Int, beds: Int, from: CalendarDate, to: CalendarDate,
        now: Date
    ) throws -> CalendarDate? {
        let held = try bedsHeld(txn, room: room, of: property, from: from, to: to, now: now)
        return held.firstIndex { !Self.fits(beds, beside: $0, capacity: capacity) }.map { from.adding(days: $0) }
    }

    /// Whether `beds` more fit on a night when `held` of a room's `capacity` are held.
    static func fits(_ beds: Int, beside held: Int, capacity: Int) -> Bool {
        held + beds <= capacity
    }

    /// Whether a hold that counts at `now` covers `day` or a later night.
    func hasHolds(_ txn: some Transaction, room: RoomID, of property: PropertyID, endingAfter day: CalendarDate, now: Date) throws -> Bool {
        var found = false
        try forEachHold(txn, of: property, from: day, before: nil, now: now) { holder, _, _, _ in
            found = holder == room
            return !found
        }
        return found
    }

    /// Visits the holds of `property`'s rooms that count at `now` and cover a night in `from..<before`
    /// (unbounded when `before` is nil), as room, check-in day, check-out day and beds, until `body` returns
    /// false.
    private func forEachHold(
        _ txn: some Transaction, of property: PropertyID, from: CalendarDate, before: CalendarDate?, now: Date,
        _ body: (RoomID, Int, Int, Int) throws -> Bool
    ) throws {
        let nowMicros = now.storedMicroseconds
        let firstNight = Int(from.daysSinceEpoch)
        try bookings.scan(txn, index: Self.index, ranges: Self.ranges(of: property, from: from, before: before)) { entry in
            let cover = entry.cover
            guard cover.count == Cover.size, cover[0] == Self.coverFormat else {
                throw StoreError.corrupt(table: "idx:bookings:\(Self.index)", reason: "an entry without the booking's room, stay and hold")
            }
            let holdEnd = Int64(littleEndian: cover.loadUnaligned(fromByteOffset: Cover.holdEnd, as: Int64.self))
            let checkOut = Int(Int32(littleEndian: cover.loadUnaligned(fromByteOffset: Cover.checkOut, as: Int32.self)))
            guard holdEnd > nowMicros, checkOut > firstNight else { return true }
            guard let room = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: cover[Cover.room..<Cover.checkOut])) else {
                throw StoreError.corrupt(table: "idx:bookings:\(Self.index)", reason: "an entry without the booking's room")
            }
            guard case .int(let checkIn) = try entry.key.elements.last else {
                throw StoreError.corrupt(table: "idx:bookings:\(Self.index)", reason: "a key that is not (property, stay class, check-in)")
            }
            let beds = Int(Int32(littleEndian: cover.loadUnaligned(fromByteOffset: Cover.beds, as: Int32.self)))
            return try body(RoomID(room), Int(checkIn), checkOut, beds)
        }
    }
}
