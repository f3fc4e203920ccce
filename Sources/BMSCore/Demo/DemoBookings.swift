import BMSStore
import Foundation

/// The demo's thirty bookings, in every state, made the way users would make them: past stays booked
/// with a clock set back and completed, requests paid and confirmed or rejected by their owners, holds
/// left to lapse, cancellations with their refunds. Paid ones are paid with the test card through the
/// payments domain, so each has its payment (and refund). Each booking gets a room and dates of its own, so
/// none competes with another for beds.
struct DemoBookings {
    enum Kind: CaseIterable {
        case completed, confirmed, pendingUnpaid, awaitingOwner, rejected, cancelledUnpaid, cancelledPaid, expired

        /// How many of each: 30 in all.
        var count: Int {
            switch self {
            case .completed: 6
            case .confirmed: 8
            case .pendingUnpaid: 4
            case .awaitingOwner, .rejected: 3
            case .cancelledUnpaid, .cancelledPaid, .expired: 2
            }
        }

        /// Whether it needs a property whose owner approves each booking.
        var needsApproval: Bool { self == .awaitingOwner || self == .rejected }
    }

    let listed: [(Property, [Room])]
    let seekers: [User]
    let owners: [User]
    let makeServices: DemoData.MakeServices
    let now: @Sendable () -> Date

    /// Makes them all; returns how many.
    func make() async throws -> Int {
        let today = now()
        let current = try makeServices(now)
        let past = try makeServices { today.addingTimeInterval(-100 * 86_400) }
        let lapsed = try makeServices { today.addingTimeInterval(-2 * 3600) }
        var slots: [RoomID: Int] = [:]
        var made = 0
        for kind in Kind.allCases {
            for _ in 0..<kind.count {
                let (property, room) = try pick(kind, slots: slots)
                let slot = slots[room.id, default: 0]
                slots[room.id] = slot + 1
                let seeker = seekers[made % seekers.count]
                let service = kind == .completed ? past : kind == .expired ? lapsed : current
                let start = CalendarDate(service.0.now(), inZone: property.timeZone).adding(days: 10 + slot * 25)
                let form = BookingForm(
                    propertyId: property.id.description, roomId: room.id.description, checkInDate: start.description,
                    checkOutDate: start.adding(days: 6 + made % 12).description,
                    specialRequests: made % 3 == 0 ? "Arriving late in the evening." : nil
                )
                let booking = try await service.0.create(form, by: seeker)
                try await settle(booking, kind, property: property, seeker: seeker, with: service)
                made += 1
            }
        }
        _ = try await current.0.expireHolds()
        _ = try await current.0.completeFinishedStays()
        try await current.1.settleRefunds()
        return made
    }

    /// Moves a new booking to the state `kind` asks for.
    private func settle(_ booking: Booking, _ kind: Kind, property: Property, seeker: User, with services: (BookingService, PaymentService))
        async throws
    {
        let (service, payments) = services
        let owner = owners.first { $0.id == property.ownerID }!
        switch kind {
        case .pendingUnpaid, .expired, .cancelledUnpaid:
            if kind == .cancelledUnpaid { _ = try await service.cancel(booking.id, reason: "Found a place closer to work", by: seeker) }
        case .completed, .confirmed, .awaitingOwner, .rejected, .cancelledPaid:
            let checkout = try await payments.startCheckout(for: booking.id, by: seeker)
            _ = try await payments.confirm(intentID: checkout.intentID, paymentMethod: "pm_card_visa", by: seeker)
            if try service.booking(booking.id, viewer: seeker)?.status == .pending, kind != .awaitingOwner {
                let decision =
                    kind == .rejected
                    ? BookingDecision(status: "rejected", reason: "The room is under repair for those dates.")
                    : BookingDecision(status: "confirmed")
                _ = try await service.decide(booking.id, decision, by: owner)
            }
            if kind == .cancelledPaid { _ = try await service.cancel(booking.id, reason: "Plans changed", by: seeker) }
        }
    }

    /// A room for the next booking of `kind`: from a property that approves bookings when `kind` needs
    /// one, else from any, the one with the fewest bookings so far.
    private func pick(_ kind: Kind, slots: [RoomID: Int]) throws -> (Property, Room) {
        let candidates = listed.filter { !kind.needsApproval || !$0.0.instantBook }.flatMap { property, rooms in rooms.map { (property, $0) } }
        guard let best = candidates.min(by: { slots[$0.1.id, default: 0] < slots[$1.1.id, default: 0] }) else {
            throw BookingError.validation(["demo": "no listed property fits a \(kind) booking"])
        }
        return best
    }
}
