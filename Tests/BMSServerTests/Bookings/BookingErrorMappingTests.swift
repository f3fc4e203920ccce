import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import BMSServer

@Suite("Error mapping: what each booking error means in HTTP")
struct BookingErrorMappingTests {
    private func mapped(_ error: BookingError) -> APIError { APIError(mapping: error, requestID: "r1") }

    /// The `error` object of the envelope `error` is answered with.
    private func envelope(_ error: APIError) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(APIErrorEnvelope(error))) as? [String: Any])
        #expect(object["success"] as? Bool == false)
        return try #require(object["error"] as? [String: Any])
    }

    @Test("every booking error has its status, code and details")
    func statuses() throws {
        #expect(mapped(.validation(["beds": "must be 1 to 100"])) == .validationFailed(["beds": "must be 1 to 100"]))
        #expect(mapped(.notFound) == .notFound)
        #expect(mapped(.forbidden) == .forbidden)

        let full = mapped(.unavailable(firstFullNight: CalendarDate("2030-03-05"), reason: "not enough free beds on the night of 2030-03-05"))
        #expect(full.status == .conflict && full.code == "unavailable")
        #expect(full.message.contains("not enough free beds on the night of 2030-03-05"))
        #expect(full.details == ["firstFullNight": .text("2030-03-05")])
        #expect(mapped(.unavailable(firstFullNight: nil, reason: "the room is not taking bookings")).details.isEmpty)

        let quote = BookingQuote(price: Money(minorUnits: 800_000), deposit: Money(minorUnits: 1_000_000), nights: 10, beds: 1, feeBasisPoints: 1000)
        let changed = mapped(.priceChanged(quote))
        #expect(changed.status == .conflict && changed.code == "price_changed")
        #expect(
            changed.details == [
                "quote": .object([
                    "nights": .integer(10), "beds": .integer(1), "rent": .integer(266_667), "securityDeposit": .integer(1_000_000),
                    "commission": .integer(26_667), "total": .integer(1_266_667), "currency": .text("INR"),
                ])
            ])

        let illegal = mapped(.illegalTransition(from: .cancelled, to: .confirmed))
        #expect(illegal.status == .conflict && illegal.code == "illegal_transition")
        #expect(illegal.message == "This booking is cancelled, so it cannot become confirmed.")
        #expect(illegal.details == ["bookingStatus": .text("cancelled")])

        let payment = mapped(.paymentState(.pending, expected: "paid"))
        #expect(payment.status == .conflict && payment.code == "payment_state" && payment.details == ["paymentStatus": .text("pending")])

        let reused = mapped(.idempotencyKeyReused)
        #expect(reused.status == .unprocessableContent && reused.code == "validation_failed")
        #expect(reused.fields?.keys.sorted() == ["Idempotency-Key"])
    }

    @Test("details are members of the envelope's error object beside code, message and fields, which they cannot replace")
    func envelopeMembers() throws {
        let quote = BookingQuote(price: Money(minorUnits: 900_000), deposit: .zero, nights: 30, beds: 1, feeBasisPoints: 1000)
        let error = try envelope(mapped(.priceChanged(quote)))
        #expect(Set(error.keys) == ["code", "message", "quote"])
        #expect((error["quote"] as? [String: Any])?["total"] as? Int == 900_000)
        #expect((error["quote"] as? [String: Any])?["commission"] as? Int == 90_000)
        var sneaky = APIError.validationFailed(["beds": "too many"])
        sneaky.details = ["code": .text("other"), "fields": .integer(1), "hint": .text("book fewer beds")]
        let encoded = try envelope(sneaky)
        #expect(encoded["code"] as? String == "validation_failed" && encoded["fields"] as? [String: String] == ["beds": "too many"])
        #expect(encoded["hint"] as? String == "book fewer beds")
        #expect(Set(try envelope(.notFound).keys) == ["code", "message"])
    }
}
