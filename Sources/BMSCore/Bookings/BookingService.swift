import BMSStore
import Foundation

/// The bookings domain: pricing, creation without overbooking, the state machine with its history,
/// cancellation by policy, and the payment outcomes the payments domain reports. Every change is
/// written with its notifications and idempotency record in one store transaction (the bed ledger is
/// the bookings' own property index); events are published after it commits.
public struct BookingService: Sendable {
    let store: Store
    let settings: BookingSettings
    let events: DomainEvents
    private let clock: @Sendable () -> Date
    let bookings: RecordCollection<BookingRecord>
    let properties: RecordCollection<PropertyRecord>
    let rooms: RecordCollection<RoomRecord>
    let users: UserRepository
    let ledger: BedLedger
    let notifications: Notifications
    let idempotency: IdempotencyKeys

    public init(store: Store, settings: BookingSettings = BookingSettings(), events: DomainEvents, now: @escaping @Sendable () -> Date = Date.init)
        throws
    {
        self.store = store
        self.settings = settings
        self.events = events
        clock = now
        bookings = try RecordCollection(in: store)
        properties = try RecordCollection(in: store)
        rooms = try RecordCollection(in: store)
        users = try UserRepository(store: store)
        ledger = try BedLedger(store: store)
        notifications = try Notifications(store: store)
        idempotency = try IdempotencyKeys(store: store)
    }

    func now() -> Date { clock().truncatedToMicroseconds }

    /// `actor` as stored now; a missing or suspended actor may do nothing.
    func currentActor(_ txn: some Transaction, _ actor: User) throws -> User {
        guard let current = try users.active(txn, actor) else { throw BookingError.forbidden }
        return current
    }

    /// The booking if `viewer` is its seeker, its owner or an admin.
    func visibleBooking(_ txn: some Transaction, _ id: BookingID, viewer: User) throws -> Booking? {
        guard let booking = try bookings.get(txn, id.objectID)?.booking else { return nil }
        return Self.concerns(booking, viewer) ? booking : nil
    }

    static func concerns(_ booking: Booking, _ user: User) -> Bool {
        !user.isSuspended && (user.role == .admin || user.id == booking.seekerID || user.id == booking.ownerID)
    }

    /// Writes `booking` moved to `status` (checked against the state machine), with its history step and
    /// a notification for the other party (or only for `notify`); its bed hold follows in the same write
    /// (the bed ledger is derived from the booking). Returns the events to publish after the commit.
    func move(
        _ txn: WriteTransaction, _ booking: inout Booking, to status: BookingStatus?, by actor: UserID?, reason: String, now: Date,
        event: (type: String, kind: NotificationKind, title: String), notify: UserID? = nil
    ) throws -> [DomainEvent] {
        let from = booking.status
        if let status, status != from {
            guard from.successors.contains(status) else { throw BookingError.illegalTransition(from: from, to: status) }
            booking.status = status
            booking.history.append(BookingTransition(at: now, by: actor, from: from, to: status, reason: reason))
        }
        if !booking.status.holdsBeds { booking.holdExpiresAt = nil }
        if booking.status == .confirmed { booking.holdExpiresAt = nil }
        booking.updatedAt = now
        try bookings.update(txn, BookingRecord(booking))
        return try self.notify(txn, booking, by: actor, now: now, event: event, notify: notify)
    }

    /// Notifies the other party of `booking` as written (or only `notify`) of `event`. Returns the
    /// events to publish after the commit.
    func notify(
        _ txn: WriteTransaction, _ booking: Booking, by actor: UserID?, now: Date, event: (type: String, kind: NotificationKind, title: String),
        notify: UserID? = nil
    ) throws -> [DomainEvent] {
        let recipients: [UserID] = notify.map { [$0] } ?? [booking.seekerID, booking.ownerID].filter { $0 != actor }
        for recipient in recipients {
            try notifications.post(
                txn,
                Notification(
                    id: ObjectID(time: now), recipient: recipient, kind: event.kind, title: event.title,
                    body: "\(booking.nights) night(s) from \(booking.checkIn), \(booking.beds) bed(s): \(booking.status.name)",
                    link: "/bookings/\(booking.id)", createdAt: now, readAt: nil
                )
            )
        }
        return [DomainEvent(type: event.type, recipients: recipients, bookingID: booking.id, at: now)]
    }

    /// Checks, for a pending booking whose hold has lapsed, that its beds are still free on every night
    /// (others may have taken them meanwhile), before it is confirmed or held again. While its hold runs,
    /// its own beds are counted for it and nothing can take them.
    func ensureBedsStillFree(_ txn: some Transaction, _ booking: Booking, now: Date) throws {
        if let until = booking.holdExpiresAt, until > now { return }
        guard let room = try rooms.get(txn, booking.roomID.objectID)?.room else { throw BookingError.notFound }
        if let night = try ledger.firstShortNight(
            txn, room: booking.roomID, of: booking.propertyID, capacity: room.capacity, beds: booking.beds, from: booking.checkIn,
            to: booking.checkOut, now: now)
        {
            throw BookingError.unavailable(firstFullNight: night, reason: "its hold ended and the beds of \(night) were booked by others")
        }
    }
}
