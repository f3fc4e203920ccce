import BMSStore
import Foundation

/// Which bookings of a property to list.
public struct BookingFilter: Sendable {
    public var status: BookingStatus?
    /// Stays that have a night on or after this date.
    public var from: CalendarDate?
    /// Stays that begin before this date.
    public var to: CalendarDate?

    public init(status: BookingStatus? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.status = status
        self.from = from
        self.to = to
    }
}

extension BookingService {
    /// A user's bookings, newest first: as the seeker for seekers and admins, of their properties for
    /// owners. The user themselves or an admin. `limit` is capped at 100; pass the last id as `before`.
    public func bookings(ofUser user: UserID, viewer: User, limit: Int, before: BookingID? = nil) throws -> [Booking] {
        try store.read { txn in
            let viewer = try currentActor(txn, viewer)
            guard viewer.id == user || viewer.role == .admin else { throw BookingError.forbidden }
            guard let subject = try users.get(txn, user) else { throw BookingError.notFound }
            let index = subject.role == .owner ? "owner" : "seeker"
            var upper: KeyRange.Bound = .excluded(Tuple([.id(user.objectID)]).encoded + [0xFF])
            if let before {
                guard let anchor = try bookings.get(txn, before.objectID)?.booking, [anchor.seekerID, anchor.ownerID].contains(user) else {
                    throw BookingError.validation(["before": "is not a booking of this user"])
                }
                upper = .excluded(Tuple([.id(user.objectID), .date(anchor.createdAt), .id(before.objectID)]).encoded)
            }
            return try collect(
                txn, index: index, KeyRange(lower: .included(Tuple([.id(user.objectID)]).encoded), upper: upper), direction: .reverse, limit: limit
            ) { _ in true }
        }
    }

    /// A property's bookings by check-in date (its owner or an admin), filtered; pass the last id of a
    /// page as `after`.
    public func bookings(
        ofProperty property: PropertyID, viewer: User, filter: BookingFilter, limit: Int, after: BookingID? = nil
    ) throws -> [Booking] {
        try store.read { txn in
            let viewer = try currentActor(txn, viewer)
            guard let record = try properties.get(txn, property.objectID) else { throw BookingError.notFound }
            guard viewer.id == record.property.ownerID || viewer.role == .admin else { throw BookingError.forbidden }
            var anchor: (checkIn: CalendarDate, booking: BookingID)?
            if let after {
                guard let booking = try bookings.get(txn, after.objectID)?.booking, booking.propertyID == property else {
                    throw BookingError.validation(["after": "is not a booking of this property"])
                }
                anchor = (booking.checkIn, booking.id)
            }
            // The index files stays by length (see BedLedger): each class's range is in check-in order, so
            // the page is the first `limit` of the classes' first `limit` each, merged.
            let ranges = BedLedger.ranges(of: property, from: filter.from, before: filter.to, after: anchor)
            let firsts = try ranges.flatMap { range in
                try collect(txn, index: BedLedger.index, range, direction: .forward, limit: limit) { booking in
                    (filter.status.map { booking.status == $0 } ?? true) && (filter.from.map { booking.checkOut > $0 } ?? true)
                }
            }
            return Array(firsts.sorted { ($0.checkIn, $0.id) < ($1.checkIn, $1.id) }.prefix(Paging.clamp(limit)))
        }
    }

    private func collect(
        _ txn: some Transaction, index: String, _ range: KeyRange, direction: ScanDirection, limit: Int, _ keep: (Booking) -> Bool
    ) throws -> [Booking] {
        var out: [Booking] = []
        let limit = Paging.clamp(limit)
        guard limit > 0 else { return out }
        try bookings.scan(txn, index: index, range, direction: direction) { entry in
            if let booking = try bookings.get(txn, entry.id)?.booking, keep(booking) { out.append(booking) }
            return out.count < limit
        }
        return out
    }
}
