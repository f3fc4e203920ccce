import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Booking rules: pricing, refund policy and the state machines")
struct BookingRulesTests {
    @Test(
        arguments: [
            // price, deposit, nights, beds, fee bps → rent, deposit, commission, total
            (900_000, 500_000, 30, 1, 1000, 900_000, 500_000, 90_000, 1_400_000),
            (900_000, 500_000, 10, 1, 1000, 300_000, 500_000, 30_000, 800_000),
            (900_000, 0, 7, 2, 1000, 420_000, 0, 42_000, 420_000),
            (100_001, 0, 1, 1, 1000, 3_333, 0, 333, 3_333),
            (45, 0, 1, 1, 0, 2, 0, 0, 2),
            (15, 10, 1, 3, 5000, 2, 30, 1, 32),
        ] as [(Int64, Int64, Int, Int, Int, Int64, Int64, Int64, Int64)])
    func priceIsRentByTheNightRoundedHalfUpPlusDeposit(
        _ price: Int64, _ deposit: Int64, _ nights: Int, _ beds: Int, _ fee: Int, _ rent: Int64, _ deposits: Int64, _ commission: Int64,
        _ total: Int64
    ) {
        let quote = BookingQuote(
            price: Money(minorUnits: price), deposit: Money(minorUnits: deposit), nights: nights, beds: beds, feeBasisPoints: fee)
        #expect(quote.rent.minorUnits == rent)
        #expect(quote.securityDeposit.minorUnits == deposits)
        #expect(quote.commission.minorUnits == commission)
        #expect(quote.total.minorUnits == total)
    }

    @Test func everyBookingTransitionIsCheckedAgainstTheTable() {
        let legal: Set<[BookingStatus]> = [
            [.pending, .confirmed], [.pending, .rejected], [.pending, .cancelled], [.confirmed, .completed], [.confirmed, .cancelled],
        ]
        for from in BookingStatus.allCases {
            for to in BookingStatus.allCases {
                #expect(from.successors.contains(to) == legal.contains([from, to]), "\(from.name) → \(to.name)")
            }
        }
        let paymentLegal: Set<[PaymentStatus]> = [
            [.pending, .paid], [.pending, .failed], [.failed, .paid], [.failed, .failed], [.paid, .refunded], [.paid, .partiallyRefunded],
            [.partiallyRefunded, .refunded], [.partiallyRefunded, .partiallyRefunded],
        ]
        for from in PaymentStatus.allCases {
            for to in PaymentStatus.allCases {
                #expect(from.successors.contains(to) == paymentLegal.contains([from, to]), "\(from.name) → \(to.name)")
            }
        }
    }

    @Test(
        arguments: [
            // policy, hours before check-in (noon IST), by owner → refund of (rent 300,000 + deposit 500,000)
            (CancellationPolicy.flexible, 25.0, false, 800_000),
            (.flexible, 23.0, false, 500_000),
            (.moderate, 5 * 24 + 1.0, false, 800_000),
            (.moderate, 5 * 24 - 1.0, false, 500_000),
            (.strict, 7 * 24 + 1.0, false, 650_000),
            (.strict, 7 * 24 - 1.0, false, 500_000),
            (.strict, -1.0, false, 0),
            (.strict, -1.0, true, 800_000),
            (.flexible, 1.0, true, 800_000),
        ] as [(CancellationPolicy, Double, Bool, Int64)])
    func refundsFollowThePolicyTable(_ policy: CancellationPolicy, _ hoursBefore: Double, _ byOwner: Bool, _ expected: Int64) throws {
        let checkIn = try #require(CalendarDate("2027-01-10"))
        var booking = Booking(
            id: BookingID(ObjectID()), seekerID: UserID(ObjectID()), ownerID: UserID(ObjectID()), propertyID: PropertyID(ObjectID()),
            roomID: RoomID(ObjectID()), checkIn: checkIn, checkOut: checkIn.adding(days: 10),
            quote: BookingQuote(price: Money(minorUnits: 900_000), deposit: Money(minorUnits: 500_000), nights: 10, beds: 1, feeBasisPoints: 1000),
            timeZone: "Asia/Kolkata", cancellationPolicy: policy, instantBook: true, status: .confirmed, paymentStatus: .paid,
            holdExpiresAt: nil, paymentMethod: "card", specialRequests: "", paymentIntentID: nil, amountRefunded: .zero, history: [],
            createdAt: Date(), updatedAt: Date()
        )
        // Noon IST on 2027-01-10 is 06:30 UTC.
        let noon = try #require(ISO8601DateFormatter().date(from: "2027-01-10T06:30:00Z"))
        #expect(RefundPolicy.checkInInstant(booking) == noon)
        let now = noon.addingTimeInterval(-hoursBefore * 3600)
        #expect(RefundPolicy.refund(for: booking, policy: policy, byOwner: byOwner, now: now).minorUnits == expected)
        booking.paymentStatus = .pending
        #expect(RefundPolicy.refund(for: booking, policy: policy, byOwner: byOwner, now: now) == .zero)
    }

    @Test("calendar dates print as zero-padded YYYY-MM-DD and parse back, every day of two centuries")
    func calendarDatesRoundTrip() throws {
        let first = try #require(CalendarDate(year: 2000, month: 1, day: 1))
        let last = try #require(CalendarDate(year: 2199, month: 12, day: 31))
        let wrong = (first.daysSinceEpoch...last.daysSinceEpoch).map(CalendarDate.init(daysSinceEpoch:)).filter { date in
            let (year, month, day) = date.parts
            return date.description != String(format: "%04d-%02d-%02d", year, month, day) || CalendarDate(date.description) != date
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(CalendarDate(year: 987, month: 6, day: 5)?.description == "0987-06-05")
    }

    @Test(
        "anything but a real date written YYYY-MM-DD is not a date",
        arguments: [
            "", "2027-1-10", "2027-01-1", "2027-02-30", "2027-13-01", "0000-01-01", "2027/01/10", "2027-01-10 ", " 2027-01-10",
            "+027-01-10", "2027-01-1a", "２０２７-01-10", "2027-0१-10", "20270-1-10", "2027--01-1",
        ])
    func malformedDatesAreRefused(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }
}
