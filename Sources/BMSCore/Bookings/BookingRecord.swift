import BMSStore
import Foundation

/// How a booking is stored: a compact binary record (booking creation is the hottest write), with the
/// indexes of the seeker's and owner's lists, the property's calendar (which is also the bed ledger:
/// `BedLedger`), the hold-expiry and stay-end jobs and the payment webhook.
struct BookingRecord: Record {
    static let collectionName = "bookings"
    static let indexes: [RecordIndex<BookingRecord>] = [
        .secondary("seeker") { [.id($0.booking.seekerID.objectID), .date($0.booking.createdAt)] },
        .secondary("owner") { [.id($0.booking.ownerID.objectID), .date($0.booking.createdAt)] },
        .secondary(BedLedger.index, cover: \.bedHold) { BedLedger.indexKey(of: $0.booking) },
        .secondary("hold-expiry") { record in
            guard record.booking.status == .pending, let expiry = record.booking.holdExpiresAt else { return nil }
            return [.date(expiry)]
        },
        .secondary("stay-end") { record in
            record.booking.status == .confirmed ? [.int(Int64(record.booking.checkOut.daysSinceEpoch))] : nil
        },
        .unique("payment-intent") { record in record.booking.paymentIntentID.map { [.string($0)] } },
        .secondary("refund-due") { record in record.booking.refundDue > .zero ? [.id(record.booking.id.objectID)] : nil },
    ]

    private static let formatVersion: UInt8 = 1

    var booking: Booking

    var id: ObjectID { booking.id.objectID }

    /// What the bed ledger reads beside the booking's entry in the property index.
    var bedHold: [UInt8] { BedLedger.cover(of: booking) }

    init(_ booking: Booking) { self.booking = booking }

    func encode(to writer: inout RecordWriter) {
        let booking = booking
        writer.write(Self.formatVersion)
        for id in [booking.id.objectID, booking.seekerID.objectID, booking.ownerID.objectID, booking.propertyID.objectID, booking.roomID.objectID] {
            writer.write(id)
        }
        writer.write(Int64(booking.checkIn.daysSinceEpoch))
        writer.write(Int64(booking.checkOut.daysSinceEpoch))
        let quote = booking.quote
        for value in [
            Int64(quote.nights), Int64(quote.beds), quote.rent.minorUnits, quote.securityDeposit.minorUnits, quote.commission.minorUnits,
            quote.total.minorUnits,
        ] {
            writer.write(value)
        }
        writer.write(booking.timeZone)
        writer.write(booking.cancellationPolicy.rawValue)
        writer.write(booking.instantBook)
        writer.write(booking.status.rawValue)
        writer.write(booking.paymentStatus.rawValue)
        writer.writeOptional(booking.holdExpiresAt) { $0.write($1) }
        writer.write(booking.paymentMethod)
        writer.write(booking.specialRequests)
        writer.writeOptional(booking.paymentIntentID) { $0.write($1) }
        writer.write(booking.amountRefunded.minorUnits)
        writer.write(booking.refundDue.minorUnits)
        writer.writeLength(booking.history.count)
        for step in booking.history {
            writer.write(step.at)
            writer.writeOptional(step.by) { $0.write($1.objectID) }
            writer.write(step.from?.rawValue ?? 0)
            writer.write(step.to.rawValue)
            writer.write(step.reason)
        }
        writer.write(booking.createdAt)
        writer.write(booking.updatedAt)
    }

    init(from reader: inout RecordReader) throws {
        try reader.expectFormat(Self.formatVersion, of: Self.collectionName)
        let id = BookingID(try reader.readObjectID())
        let seeker = UserID(try reader.readObjectID())
        let owner = UserID(try reader.readObjectID())
        let property = PropertyID(try reader.readObjectID())
        let room = RoomID(try reader.readObjectID())
        let checkIn = CalendarDate(daysSinceEpoch: Int32(clamping: try reader.readInt64()))
        let checkOut = CalendarDate(daysSinceEpoch: Int32(clamping: try reader.readInt64()))
        let quote = BookingQuote(
            nights: try reader.readInt(), beds: try reader.readInt(), rent: Money(minorUnits: try reader.readInt64()),
            securityDeposit: Money(minorUnits: try reader.readInt64()), commission: Money(minorUnits: try reader.readInt64()),
            total: Money(minorUnits: try reader.readInt64())
        )
        let timeZone = try reader.readString()
        let policy = try CancellationPolicy(storedCode: try reader.readUInt8(), in: Self.collectionName)
        let instantBook = try reader.readBool()
        let status = try BookingStatus(storedCode: try reader.readUInt8(), in: Self.collectionName)
        let paymentStatus = try PaymentStatus(storedCode: try reader.readUInt8(), in: Self.collectionName)
        let holdExpiresAt = try reader.readOptional { try $0.readDate() }
        let paymentMethod = try reader.readString()
        let specialRequests = try reader.readString()
        let intent = try reader.readOptional { try $0.readString() }
        let refunded = Money(minorUnits: try reader.readInt64())
        let refundDue = Money(minorUnits: try reader.readInt64())
        let history = try reader.readArray { reader throws(StoreError) in
            let at = try reader.readDate()
            let by: UserID? = try reader.readBool() ? UserID(try reader.readObjectID()) : nil
            let from = BookingStatus(rawValue: try reader.readUInt8())
            guard let to = BookingStatus(rawValue: try reader.readUInt8()) else {
                throw StoreError.corrupt(table: Self.collectionName, reason: "unknown booking status in history")
            }
            return BookingTransition(at: at, by: by, from: from, to: to, reason: try reader.readString())
        }
        booking = Booking(
            id: id, seekerID: seeker, ownerID: owner, propertyID: property, roomID: room, checkIn: checkIn, checkOut: checkOut,
            quote: quote, timeZone: timeZone, cancellationPolicy: policy, instantBook: instantBook, status: status,
            paymentStatus: paymentStatus, holdExpiresAt: holdExpiresAt, paymentMethod: paymentMethod, specialRequests: specialRequests,
            paymentIntentID: intent, amountRefunded: refunded, history: history, createdAt: try reader.readDate(),
            updatedAt: try reader.readDate()
        )
        booking.refundDue = refundDue
    }
}
