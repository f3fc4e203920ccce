import BMSStore
import Foundation

/// Which beds of a room are held on which nights: one entry per booking that holds beds, keyed
/// `(room, check-in, booking)` so that the holds that may cover a range of nights are one short range
/// scan. The bookings domain writes an entry in the same transaction as the booking it belongs to and
/// removes it when the booking stops holding beds; availability and search only read it.
///
/// A hold with an expiry (a pending booking waiting for payment) stops counting at that instant even if
/// no job has removed it yet; a hold without one (a confirmed booking) counts until removed.
struct BedLedger: Sendable {
    static let tableName = "bed-holds"
    /// The longest stay; a hold that starts earlier than this before a range cannot reach into it.
    static let maximumNights = 365

    struct Hold: Equatable {
        var checkIn: CalendarDate
        var checkOut: CalendarDate
        var beds: Int
        var expiresAt: Date?
    }

    private let holds: Table<BytesCodec, BytesCodec>

    init(store: Store) throws {
        holds = try store.table(Self.tableName, key: BytesCodec.self, value: BytesCodec.self)
    }

    func place(_ txn: WriteTransaction, room: RoomID, booking: ObjectID, _ hold: Hold) throws {
        var value = RecordWriter()
        value.write(Int64(hold.checkOut.daysSinceEpoch))
        value.write(hold.beds)
        value.write(hold.expiresAt.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded(.down)) } ?? 0)
        try holds.put(txn, key(room, hold.checkIn, booking), value.bytes)
    }

    func remove(_ txn: WriteTransaction, room: RoomID, checkIn: CalendarDate, booking: ObjectID) throws {
        try holds.delete(txn, key(room, checkIn, booking))
    }

    /// Beds held on each night from `from` up to (not including) `to`, at `now`.
    func bedsHeld(_ txn: some Transaction, room: RoomID, from: CalendarDate, to: CalendarDate, now: Date) throws -> [Int] {
        let nights = max(0, from.nights(until: to))
        var held = [Int](repeating: 0, count: nights)
        guard nights > 0 else { return held }
        let first = Int(from.daysSinceEpoch)
        try forEachHold(txn, room: room, from: from, before: to, now: now) { checkIn, checkOut, beds in
            for night in max(checkIn, first)..<min(checkOut, Int(to.daysSinceEpoch)) { held[night - first] += beds }
            return true
        }
        return held
    }

    /// The first night of `from..<to` on which `room` (of `capacity` beds) has fewer than `beds` free at
    /// `now`, or nil when every night has them: the one check behind booking, confirming a lapsed hold
    /// and searching by dates.
    func firstShortNight(
        _ txn: some Transaction, room: RoomID, capacity: Int, beds: Int, from: CalendarDate, to: CalendarDate, now: Date
    ) throws -> CalendarDate? {
        let held = try bedsHeld(txn, room: room, from: from, to: to, now: now)
        return held.firstIndex { $0 + beds > capacity }.map { from.adding(days: $0) }
    }

    /// Whether a hold that counts at `now` covers `day` or a later night.
    func hasHolds(_ txn: some Transaction, room: RoomID, endingAfter day: CalendarDate, now: Date) throws -> Bool {
        var found = false
        try forEachHold(txn, room: room, from: day, before: nil, now: now) { _, _, _ in
            found = true
            return false
        }
        return found
    }

    /// Visits the holds of `room` that count at `now` and cover a night in `from..<before` (unbounded when
    /// `before` is nil), as check-in day, check-out day and beds, until `body` returns false.
    private func forEachHold(
        _ txn: some Transaction, room: RoomID, from: CalendarDate, before: CalendarDate?, now: Date,
        _ body: (Int, Int, Int) throws -> Bool
    ) throws {
        let nowMicros = Int64((now.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let roomKey = Tuple([.id(room.objectID)])
        let lower = roomKey.appending(.int(Int64(from.adding(days: -Self.maximumNights).daysSinceEpoch)))
        let upper: KeyRange.Bound =
            before.map { .excluded(roomKey.appending(.int(Int64($0.daysSinceEpoch))).encoded) }
            ?? .excluded(roomKey.encoded + [0xFF])
        try holds.scan(txn, KeyRange(lower: .included(lower.encoded), upper: upper)) { key, value in
            let tuple = try Tuple(decoding: key)
            guard tuple.elements.count == 3, case .int(let checkIn) = tuple.elements[1] else {
                throw StoreError.corrupt(table: Self.tableName, reason: "a key that is not (room, check-in, booking)")
            }
            let (checkOut, beds, expires) = try value.withUnsafeBytes { bytes in
                var reader = RecordReader(bytes)
                return (Int(try reader.readInt64()), try reader.readInt(), try reader.readInt64())
            }
            guard expires == 0 || expires > nowMicros, checkOut > Int(from.daysSinceEpoch) else { return true }
            return try body(Int(checkIn), checkOut, beds)
        }
    }

    private func key(_ room: RoomID, _ checkIn: CalendarDate, _ booking: ObjectID) -> [UInt8] {
        Tuple([.id(room.objectID), .int(Int64(checkIn.daysSinceEpoch)), .id(booking)]).encoded
    }
}
