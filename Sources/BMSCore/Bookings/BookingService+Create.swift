import BMSStore
import Foundation

extension BookingService {
    /// The price of a stay as the server computes it, for the booking form's live quote; nil for a room
    /// `viewer` may not see (a deleted room, or one of a property that is not public, unless they manage
    /// it). The stay and beds follow the booking rules.
    public func quote(room id: RoomID, from checkIn: CalendarDate, to checkOut: CalendarDate, beds: Int, viewer: User?) throws -> BookingQuote? {
        try store.read { txn in
            guard let room = try rooms.get(txn, id.objectID)?.room, room.isActive,
                let property = try properties.get(txn, room.propertyID.objectID)?.property,
                property.isPublic || ListingService.manages(viewer, property)
            else { return nil }
            let nights = checkIn.nights(until: checkOut)
            guard (settings.minimumNights...BookingSettings.maximumNights).contains(nights) else {
                throw BookingError.validation(["to": "the stay must be \(settings.minimumNights) to \(BookingSettings.maximumNights) nights"])
            }
            guard (1...room.capacity).contains(beds) else { throw BookingError.validation(["beds": "the room has \(room.capacity) bed(s)"]) }
            return BookingQuote(
                price: room.price, deposit: room.securityDeposit, nights: checkIn.nights(until: checkOut), beds: beds,
                feeBasisPoints: settings.feeBasisPoints
            )
        }
    }

    /// Books beds for `seeker`: checks the request, prices it, and in one write transaction checks every
    /// night's free beds and inserts the booking (pending, its beds held for `holdDuration`, which its
    /// entry in the bed ledger says), so that no concurrency can overbook. The owner is notified.
    ///
    /// With an `idempotencyKey`, a repeat of the same request returns the booking the first one made;
    /// the same key with another request is `idempotencyKeyReused`.
    public func create(_ form: BookingForm, by seeker: User, idempotencyKey: String? = nil) async throws -> Booking {
        let request = try BookingRequest(form, seeker: seeker.id)
        if let key = idempotencyKey, key.isEmpty || key.utf8.count > IdempotencyKeys.maximumKeyLength {
            throw BookingError.validation(["Idempotency-Key": "must be 1 to \(IdempotencyKeys.maximumKeyLength) bytes"])
        }
        let fingerprint = try idempotencyKey.map { _ in Array(try JSONEncoder.sorted.encode(form)) } ?? []
        let now = now()
        let (booking, events) = try await store.write { [self] txn -> (Booking, [DomainEvent]) in
            let seeker = try currentActor(txn, seeker)
            guard seeker.role == .seeker else { throw BookingError.forbidden }
            if let key = idempotencyKey,
                let first = try idempotency.recorded(txn, operation: "booking", user: seeker.id, key: key, request: fingerprint)
            {
                guard let booking = try bookings.get(txn, first)?.booking else { throw BookingError.notFound }
                return (booking, [])
            }
            let booking = try makeBooking(txn, request, seeker: seeker, now: now)
            try bookings.insert(txn, BookingRecord(booking))
            let events = try notify(
                txn, booking, by: seeker.id, now: now, event: ("booking-request", .bookingRequest, "New booking request"))
            if let key = idempotencyKey {
                try idempotency.record(txn, operation: "booking", user: seeker.id, key: key, request: fingerprint, result: booking.id.objectID)
            }
            return (booking, events)
        }
        self.events.publish(events)
        return booking
    }

    /// The booking `request` makes now, after every check that needs the store.
    private func makeBooking(_ txn: WriteTransaction, _ request: BookingRequest, seeker: User, now: Date) throws -> Booking {
        guard let room = try rooms.get(txn, request.room.objectID)?.room,
            let property = try properties.get(txn, room.propertyID.objectID)?.property, property.isPublic, room.isActive
        else { throw BookingError.notFound }
        guard room.propertyID == request.property else { throw BookingError.validation(["roomId": "is not a room of this property"]) }
        guard property.ownerID != seeker.id else { throw BookingError.validation(["propertyId": "you cannot book your own property"]) }
        let today = CalendarDate(now, inZone: property.timeZone)
        guard request.checkIn >= today else { throw BookingError.validation(["checkInDate": "must be today (\(today)) or later"]) }
        let nights = request.checkIn.nights(until: request.checkOut)
        guard (settings.minimumNights...BookingSettings.maximumNights).contains(nights) else {
            throw BookingError.validation(["checkOutDate": "the stay must be \(settings.minimumNights) to \(BookingSettings.maximumNights) nights"])
        }
        guard request.beds <= room.capacity else { throw BookingError.validation(["beds": "the room has \(room.capacity) bed(s)"]) }
        guard room.isAvailable else { throw BookingError.unavailable(firstFullNight: nil, reason: "the room is not taking bookings") }
        if let first = room.availableFrom, first > request.checkIn {
            throw BookingError.unavailable(firstFullNight: nil, reason: "the room can be booked from \(first)")
        }
        if let night = try ledger.firstShortNight(
            txn, room: room.id, of: room.propertyID, capacity: room.capacity, beds: request.beds, from: request.checkIn,
            to: request.checkOut, now: now)
        {
            throw BookingError.unavailable(firstFullNight: night, reason: "not enough free beds on the night of \(night)")
        }
        let quote = BookingQuote(
            price: room.price, deposit: room.securityDeposit, nights: nights, beds: request.beds, feeBasisPoints: settings.feeBasisPoints
        )
        if let expected = request.expectedTotal, expected != quote.total { throw BookingError.priceChanged(quote) }
        return Booking(
            id: BookingID(ObjectID(time: now)), seekerID: seeker.id, ownerID: property.ownerID, propertyID: property.id,
            roomID: room.id, checkIn: request.checkIn, checkOut: request.checkOut, quote: quote, timeZone: property.timeZone,
            cancellationPolicy: property.cancellationPolicy, instantBook: property.instantBook, status: .pending, paymentStatus: .pending,
            holdExpiresAt: now.adding(settings.holdDuration), paymentMethod: request.paymentMethod,
            specialRequests: request.specialRequests,
            paymentIntentID: nil, amountRefunded: .zero,
            history: [BookingTransition(at: now, by: seeker.id, from: nil, to: .pending, reason: "requested")],
            createdAt: now, updatedAt: now
        )
    }
}

/// A booking form, validated without the store.
struct BookingRequest {
    var property: PropertyID
    var room: RoomID
    var checkIn: CalendarDate
    var checkOut: CalendarDate
    var beds: Int
    var expectedTotal: Money?
    var paymentMethod: String
    var specialRequests: String

    init(_ form: BookingForm, seeker: UserID) throws {
        var errors = FieldErrors()
        if let sent = form.seekerId, sent != seeker.description { errors.note("seekerId", "must be your own user id (or left out)") }
        let property = Self.parsed(form.propertyId, "propertyId", expected: "an id of 24 hex characters", PropertyID.init, &errors)
        let room = Self.parsed(form.roomId, "roomId", expected: "an id of 24 hex characters", RoomID.init, &errors)
        let checkIn = Self.parsed(form.checkInDate, "checkInDate", expected: "a date YYYY-MM-DD", CalendarDate.init, &errors)
        let checkOut = Self.parsed(form.checkOutDate, "checkOutDate", expected: "a date YYYY-MM-DD", CalendarDate.init, &errors)
        if let checkIn, let checkOut, checkOut <= checkIn { errors.note("checkOutDate", "must be after checkInDate") }
        beds = form.beds ?? 1
        if !(1...ListingRules.maximumCapacity).contains(beds) { errors.note("beds", "must be 1 to \(ListingRules.maximumCapacity)") }
        if let total = form.totalAmount, total < 0 { errors.note("totalAmount", "must be 0 or more (minor units)") }
        expectedTotal = form.totalAmount.map { Money(minorUnits: $0) }
        paymentMethod = errors.check("paymentMethod", ListingRules.text(form.paymentMethod ?? "card", 1...40)) ?? ""
        specialRequests = errors.check("specialRequests", ListingRules.text(form.specialRequests, 0...1000, multiline: true)) ?? ""
        guard errors.problems.isEmpty, let property, let room, let checkIn, let checkOut else {
            throw BookingError.validation(errors.problems)
        }
        self.property = property
        self.room = room
        self.checkIn = checkIn
        self.checkOut = checkOut
    }

    /// `raw` read by `parse`, or nil after noting that it is missing or, with `expected`, malformed.
    private static func parsed<T>(
        _ raw: String?, _ field: String, expected: String, _ parse: (String) -> T?, _ errors: inout FieldErrors
    ) -> T? {
        guard let raw else {
            errors.note(field, "is required")
            return nil
        }
        guard let value = parse(raw) else {
            errors.note(field, "must be \(expected)")
            return nil
        }
        return value
    }
}

extension JSONEncoder {
    /// Keys sorted, so that equal values encode to equal bytes (request fingerprints).
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
