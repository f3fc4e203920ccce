import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Bookings: no overbooking, holds, idempotency, the paid flow and cancellation")
struct BookingServiceTests {
    @Test func aBookingIsPricedByTheServerAndHoldsItsBeds() async throws {
        let fixture = try await BookingsFixture()
        let booking = try await fixture.book("2027-01-10", "2027-01-20")
        #expect(booking.status == .pending && booking.paymentStatus == .pending)
        #expect(booking.quote.rent == Money(minorUnits: 300_000) && booking.quote.total == Money(minorUnits: 800_000))
        #expect(booking.holdExpiresAt == fixture.clock.now.addingTimeInterval(30 * 60))
        #expect(booking.ownerID == fixture.owner.id && booking.cancellationPolicy == .flexible)
        #expect(try fixture.bedsFree("2027-01-09", "2027-01-21") == [2] + Array(repeating: 1, count: 10) + [2])
        let request = try #require(try fixture.base.notifications.list(for: fixture.owner.id, limit: 5).first)
        #expect(request.kind == .bookingRequest && request.link == "/bookings/\(booking.id)")
        #expect(booking.history.map(\.to) == [.pending])
        try fixture.base.expectClean()
    }

    @Test func overlappingStaysCannotExceedCapacityButAdjacentOnesFit() async throws {
        let fixture = try await BookingsFixture(capacity: 1)
        try await fixture.book("2027-01-10", "2027-01-15")
        try await fixture.book("2027-01-15", "2027-01-20")
        try await fixture.book("2027-01-05", "2027-01-10")
        for (checkIn, checkOut, full) in [
            ("2027-01-12", "2027-01-13", "2027-01-12"), ("2027-01-09", "2027-01-11", "2027-01-09"), ("2027-01-19", "2027-01-25", "2027-01-19"),
        ] {
            let error = await bookingError { try await fixture.book(checkIn, checkOut) }
            guard case .unavailable(let night, _) = error else {
                Issue.record("expected unavailable, got \(String(describing: error))")
                continue
            }
            #expect(night == CalendarDate(full))
        }
        try await fixture.book("2027-01-20", "2027-01-21")
    }

    @Test func twoHundredRequestsForTheLastBedMakeExactlyOneBooking() async throws {
        let fixture = try await BookingsFixture(capacity: 3)
        try await fixture.book("2027-02-01", "2027-02-10", beds: 2)
        let (bookings, seeker, form) = (fixture.bookings, fixture.seeker, fixture.form("2027-02-05", "2027-02-07"))
        let outcomes = await withTaskGroup(of: Result<Booking, any Error>.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    do { return .success(try await bookings.create(form, by: seeker)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let won = outcomes.filter { if case .success = $0 { true } else { false } }
        let refused = outcomes.filter {
            if case .failure(let error) = $0, case .unavailable = error as? BookingError { true } else { false }
        }
        #expect(won.count == 1)
        #expect(refused.count == 199)
        #expect(try fixture.bedsFree("2027-02-04", "2027-02-08") == [1, 0, 0, 1])
    }

    @Test func anExpiredHoldFreesTheBedsBeforeAnyJobRuns() async throws {
        let fixture = try await BookingsFixture(capacity: 1)
        let first = try await fixture.book("2027-03-01", "2027-03-05")
        #expect(await bookingError { try await fixture.book("2027-03-02", "2027-03-03") } != nil)
        fixture.clock.advance(.seconds(30 * 60 + 1))
        let second = try await fixture.book("2027-03-02", "2027-03-03")
        #expect(second.status == .pending)
        #expect(try await fixture.bookings.expireHolds() == 1)
        #expect(try fixture.bookings.booking(first.id, viewer: fixture.seeker)?.status == .cancelled)
        #expect(try fixture.bookings.booking(first.id, viewer: fixture.seeker)?.history.last?.reason == "not paid in time")
        #expect(try await fixture.bookings.expireHolds() == 0)
        try fixture.base.expectClean()
    }

    @Test func idempotencyKeysReturnTheFirstAnswer() async throws {
        let fixture = try await BookingsFixture()
        let form = fixture.form("2027-04-01", "2027-04-03")
        let first = try await fixture.bookings.create(form, by: fixture.seeker, idempotencyKey: "k-1")
        let again = try await fixture.bookings.create(form, by: fixture.seeker, idempotencyKey: "k-1")
        #expect(again == first)
        let other = fixture.form("2027-04-01", "2027-04-04")
        #expect(
            await bookingError { _ = try await fixture.bookings.create(other, by: fixture.seeker, idempotencyKey: "k-1") } == .idempotencyKeyReused)
        let fresh = try await fixture.bookings.create(form, by: fixture.seeker, idempotencyKey: "k-2")
        #expect(fresh.id != first.id)
        #expect(try fixture.bedsFree("2027-04-01", "2027-04-02") == [0])
    }

    @Test func theServerRefusesWhatItMust() async throws {
        let fixture = try await BookingsFixture()
        let changed = await bookingError {
            _ = try await fixture.bookings.create(fixture.form("2027-05-01", "2027-05-11", total: 1), by: fixture.seeker)
        }
        #expect(
            changed
                == .priceChanged(
                    BookingQuote(price: Money(minorUnits: 900_000), deposit: Money(minorUnits: 500_000), nights: 10, beds: 1, feeBasisPoints: 1000)))
        let matching = try await fixture.bookings.create(fixture.form("2027-05-01", "2027-05-11", total: 800_000), by: fixture.seeker)
        #expect(matching.quote.total.minorUnits == 800_000)

        func problems(_ form: BookingForm, by user: User? = nil) async -> Set<String> {
            guard case .validation(let problems) = await bookingError({ _ = try await fixture.bookings.create(form, by: user ?? fixture.seeker) })
            else { return [] }
            return Set(problems.keys)
        }
        #expect(await problems(fixture.form("2026-09-01", "2026-09-05")) == ["checkInDate"])
        #expect(await problems(fixture.form("2027-05-05", "2027-05-05")) == ["checkOutDate"])
        #expect(await problems(fixture.form("2027-01-01", "2028-01-02")) == ["checkOutDate"])
        #expect(await problems(fixture.form("2027-05-01", "2027-05-02", beds: 3)) == ["beds"])
        #expect(await problems(BookingForm(propertyId: "x", checkInDate: "soon")) == ["propertyId", "roomId", "checkInDate", "checkOutDate"])
        var someoneElse = fixture.form("2027-05-01", "2027-05-02")
        someoneElse.seekerId = fixture.owner.id.description
        #expect(await problems(someoneElse) == ["seekerId"])
        #expect(await bookingError { try await fixture.book("2027-06-01", "2027-06-02", by: fixture.owner) } == .forbidden)
        var wrongProperty = fixture.form("2027-05-01", "2027-05-02")
        wrongProperty.propertyId = ObjectID().description
        #expect(await problems(wrongProperty) == ["roomId"])
    }

    @Test func anInstantBookIsConfirmedByItsPaymentOnce() async throws {
        let fixture = try await BookingsFixture(instantBook: true)
        let events = fixture.events.subscribe()
        let booking = try await fixture.book("2027-06-01", "2027-06-11")
        let failed = try await fixture.bookings.recordPayment(booking.id, .failed(reason: "card declined"))
        #expect(failed.paymentStatus == .failed && failed.status == .pending)
        let paid = try await fixture.bookings.recordPayment(booking.id, .succeeded(intentID: "pi_1"))
        #expect(paid.status == .confirmed && paid.paymentStatus == .paid && paid.holdExpiresAt == nil)
        #expect(try await fixture.bookings.recordPayment(booking.id, .succeeded(intentID: "pi_1")) == paid)
        #expect(try await fixture.bookings.recordPayment(booking.id, .failed(reason: "late")) == paid)
        // Confirmed beds stay held however long it takes.
        fixture.clock.advance(.seconds(3 * 24 * 3600))
        #expect(try fixture.bedsFree("2027-06-01", "2027-06-02") == [1])
        #expect(try await fixture.bookings.expireHolds() == 0)
        var types: [String] = []
        for await event in events {
            types.append(event.type)
            if types.count == 3 { break }
        }
        #expect(types == ["booking-request", "booking-update", "booking-confirmed"])
    }

    @Test func anApprovalRequestWaitsForTheOwner() async throws {
        let fixture = try await BookingsFixture(instantBook: false)
        let booking = try await fixture.book("2027-07-01", "2027-07-05")
        let reject = BookingDecision(status: "rejected")
        #expect(fields(await bookingError { _ = try await fixture.bookings.decide(booking.id, reject, by: fixture.owner) }) == ["reason"])
        #expect(
            await bookingError { _ = try await fixture.bookings.decide(booking.id, BookingDecision(status: "confirmed"), by: fixture.owner) }
                == .paymentState(.pending, expected: "paid"))
        #expect(
            await bookingError { _ = try await fixture.bookings.decide(booking.id, BookingDecision(status: "confirmed"), by: fixture.seeker) }
                == .forbidden)
        let paid = try await fixture.bookings.recordPayment(booking.id, .succeeded(intentID: "pi_2"))
        #expect(paid.status == .pending && paid.holdExpiresAt == fixture.clock.now.addingTimeInterval(24 * 3600))
        let confirmed = try await fixture.bookings.decide(booking.id, BookingDecision(status: "confirmed"), by: fixture.owner)
        #expect(confirmed.status == .confirmed && confirmed.history.map(\.to) == [.pending, .confirmed])
        #expect(confirmed.history.last?.by == fixture.owner.id)
        let lateReject = BookingDecision(status: "rejected", reason: "too late")
        #expect(
            await bookingError { _ = try await fixture.bookings.decide(booking.id, lateReject, by: fixture.owner) }
                == .illegalTransition(from: .confirmed, to: .rejected))

        let unanswered = try await fixture.book("2027-08-01", "2027-08-05")
        _ = try await fixture.bookings.recordPayment(unanswered.id, .succeeded(intentID: "pi_3"))
        fixture.clock.advance(.seconds(24 * 3600 + 1))
        #expect(try await fixture.bookings.expireHolds() == 1)
        #expect(try fixture.bookings.booking(unanswered.id, viewer: fixture.admin)?.history.last?.reason == "the owner did not answer in time")
    }

    @Test func cancellingShowsTheRefundFirstAndFreesTheBeds() async throws {
        let fixture = try await BookingsFixture(capacity: 1, policy: "strict")
        let booking = try await fixture.book("2027-09-01", "2027-09-11")
        _ = try await fixture.bookings.recordPayment(booking.id, .succeeded(intentID: "pi_4"))
        let quote = try fixture.bookings.cancellationQuote(booking.id, by: fixture.seeker)
        #expect(quote.policy == .strict && !quote.byOwner)
        #expect(quote.refund.minorUnits == 150_000 + 500_000 && quote.paid.minorUnits == 800_000)
        #expect(try fixture.bookings.cancellationQuote(booking.id, by: fixture.owner).refund.minorUnits == 800_000)
        let stranger = try await fixture.base.user("seeker")
        #expect(await bookingError { _ = try fixture.bookings.cancellationQuote(booking.id, by: stranger) } == .notFound)

        let (cancelled, applied) = try await fixture.bookings.cancel(booking.id, reason: "plans changed", by: fixture.seeker)
        #expect(applied == quote)
        #expect(cancelled.status == .cancelled && cancelled.history.last?.reason == "plans changed (refund 650000)")
        #expect(cancelled.refundDue.minorUnits == 650_000)
        #expect(try fixture.bedsFree("2027-09-01", "2027-09-02") == [1])
        #expect(
            await bookingError { _ = try await fixture.bookings.cancel(booking.id, reason: nil, by: fixture.seeker) }
                == .illegalTransition(from: .cancelled, to: .cancelled))
        #expect(try fixture.base.notifications.list(for: fixture.owner.id, limit: 1).first?.title == "Booking cancelled")
    }

    @Test func listsShowEachPartyTheirBookings() async throws {
        let fixture = try await BookingsFixture(capacity: 3)
        let first = try await fixture.book("2027-10-01", "2027-10-03")
        fixture.clock.advance(.seconds(1))
        let second = try await fixture.book("2027-11-01", "2027-11-03")
        _ = try await fixture.bookings.cancel(second.id, reason: nil, by: fixture.seeker)
        #expect(try fixture.bookings.bookings(ofUser: fixture.seeker.id, viewer: fixture.seeker, limit: 10).map(\.id) == [second.id, first.id])
        #expect(
            try fixture.bookings.bookings(ofUser: fixture.seeker.id, viewer: fixture.seeker, limit: 10, before: second.id).map(\.id) == [first.id])
        #expect(try fixture.bookings.bookings(ofUser: fixture.owner.id, viewer: fixture.owner, limit: 10).count == 2)
        #expect(await bookingError { _ = try fixture.bookings.bookings(ofUser: fixture.seeker.id, viewer: fixture.owner, limit: 10) } == .forbidden)
        let all = try fixture.bookings.bookings(ofProperty: fixture.property.id, viewer: fixture.owner, filter: BookingFilter(), limit: 10)
        #expect(all.map(\.id) == [first.id, second.id])
        let pending = BookingFilter(status: .pending)
        #expect(
            try fixture.bookings.bookings(ofProperty: fixture.property.id, viewer: fixture.owner, filter: pending, limit: 10).map(\.id) == [first.id])
        let november = BookingFilter(from: CalendarDate("2027-11-02"), to: CalendarDate("2027-12-01"))
        #expect(
            try fixture.bookings.bookings(ofProperty: fixture.property.id, viewer: fixture.admin, filter: november, limit: 10).map(\.id) == [
                second.id
            ])
        #expect(
            try fixture.bookings.bookings(ofProperty: fixture.property.id, viewer: fixture.owner, filter: BookingFilter(), limit: 1, after: first.id)
                .map(\.id) == [second.id])
        #expect(
            await bookingError {
                _ = try fixture.bookings.bookings(ofProperty: fixture.property.id, viewer: fixture.seeker, filter: BookingFilter(), limit: 10)
            } == .forbidden)
    }

    @Test func aLapsedHoldIsCheckedAgainBeforeItIsConfirmedOrPaid() async throws {
        let fixture = try await BookingsFixture(capacity: 1, instantBook: false)
        let request = try await fixture.book("2027-05-01", "2027-05-03")
        _ = try await fixture.bookings.recordPayment(request.id, .succeeded(intentID: "pi_7"))
        fixture.clock.advance(.seconds(24 * 3600 + 1))
        let other = try await fixture.book("2027-05-02", "2027-05-04")
        guard
            case .unavailable(let night, _) = await bookingError({
                _ = try await fixture.bookings.decide(request.id, BookingDecision(status: "confirmed"), by: fixture.owner)
            })
        else {
            Issue.record("a late confirmation must not overbook")
            return
        }
        #expect(night == CalendarDate("2027-05-02"))
        #expect(try fixture.bedsFree("2027-05-01", "2027-05-04") == [1, 0, 0])

        // An instant booking paid after its hold lapsed and its bed was taken ends, with everything due back.
        fixture.clock.advance(.seconds(31 * 60))
        let late = try await BookingsFixture(capacity: 1, instantBook: true)
        let first = try await late.book("2027-06-01", "2027-06-03")
        late.clock.advance(.seconds(31 * 60))
        _ = try await late.book("2027-06-02", "2027-06-03")
        let paidLate = try await late.bookings.recordPayment(first.id, .succeeded(intentID: "pi_8"))
        #expect(paidLate.status == .cancelled && paidLate.paymentStatus == .paid && paidLate.refundDue == paidLate.quote.total)
        #expect(try late.bedsFree("2027-06-01", "2027-06-03") == [1, 0])
        _ = other
    }

    @Test func onlyCancellableBookingsGetAQuote() async throws {
        let fixture = try await BookingsFixture()
        let booking = try await fixture.book("2027-05-01", "2027-05-03")
        _ = try await fixture.bookings.cancel(booking.id, reason: nil, by: fixture.seeker)
        #expect(
            await bookingError { _ = try fixture.bookings.cancellationQuote(booking.id, by: fixture.seeker) }
                == .illegalTransition(from: .cancelled, to: .cancelled))
        let today = CalendarDate(fixture.clock.now, in: TimeZone(identifier: "Asia/Kolkata")!)
        let stay = try await fixture.book(today.description, today.adding(days: 1).description)
        _ = try await fixture.bookings.recordPayment(stay.id, .succeeded(intentID: "pi_9"))
        fixture.clock.advance(.seconds(2 * 24 * 3600))
        #expect(
            await bookingError { _ = try await fixture.bookings.cancel(stay.id, reason: nil, by: fixture.seeker) }
                == .stayEnded(today.adding(days: 1)))
        #expect(
            fields(
                await bookingError {
                    _ = try fixture.bookings.bookings(ofUser: fixture.seeker.id, viewer: fixture.seeker, limit: 5, before: BookingID(ObjectID()))
                }) == ["before"])
        #expect(
            fields(await bookingError { _ = try fixture.bookings.quote(room: fixture.room.id, from: today, to: today, beds: 1, viewer: nil) }) == [
                "to"
            ])
        #expect(
            fields(
                await bookingError {
                    _ = try fixture.bookings.quote(room: fixture.room.id, from: today, to: today.adding(days: 2), beds: 3, viewer: nil)
                }) == ["beds"])
        #expect(try fixture.bookings.quote(room: RoomID(ObjectID()), from: today, to: today.adding(days: 2), beds: 1, viewer: nil) == nil)
    }

    @Test func finishedStaysAreCompleted() async throws {
        let fixture = try await BookingsFixture()
        let today = CalendarDate(fixture.clock.now, in: TimeZone(identifier: "Asia/Kolkata")!)
        let booking = try await fixture.book(today.description, today.adding(days: 2).description)
        let unpaid = try await fixture.book(today.description, today.adding(days: 1).description)
        _ = try await fixture.bookings.recordPayment(booking.id, .succeeded(intentID: "pi_6"))
        #expect(try await fixture.bookings.completeFinishedStays() == 0)
        fixture.clock.advance(.seconds(2 * 24 * 3600))
        #expect(try await fixture.bookings.completeFinishedStays() == 1)
        #expect(try fixture.bookings.booking(booking.id, viewer: fixture.seeker)?.status == .completed)
        #expect(try fixture.bookings.booking(unpaid.id, viewer: fixture.seeker)?.status == .pending)
        #expect(try await fixture.bookings.completeFinishedStays() == 0)
        #expect(
            await bookingError { _ = try await fixture.bookings.cancel(booking.id, reason: nil, by: fixture.seeker) }
                == .illegalTransition(from: .completed, to: .cancelled))
        try fixture.base.expectClean()
    }

    @Test func aConfirmedBookingKeepsItsPropertyFromBeingDeleted() async throws {
        let fixture = try await BookingsFixture()
        let booking = try await fixture.book("2027-12-01", "2027-12-05")
        _ = try await fixture.bookings.recordPayment(booking.id, .succeeded(intentID: "pi_5"))
        guard case .stillBooked = await listingError({ try await fixture.base.listings.deleteProperty(fixture.property.id, by: fixture.owner) })
        else {
            Issue.record("expected stillBooked")
            return
        }
    }
}

private func fields(_ error: BookingError?) -> Set<String> {
    guard case .validation(let problems) = error else { return [] }
    return Set(problems.keys)
}
