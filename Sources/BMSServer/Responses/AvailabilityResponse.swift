import BMSCore

/// A room's beds night by night, and whether the whole range can be booked.
struct AvailabilityResponse: Encodable, Sendable {
    struct Night: Encodable, Sendable {
        let date: String
        let bedsTotal: Int
        let bedsHeld: Int
        let bedsFree: Int
    }

    let room: String
    let from: String
    /// The check-out day: not itself a night of the range.
    let to: String
    let bookable: Bool
    /// The most beds free on every night of the range.
    let maxBeds: Int
    let nights: [Night]

    init(_ availability: RoomAvailability) {
        room = availability.room.description
        from = availability.from.description
        to = availability.to.description
        bookable = availability.bookable
        maxBeds = availability.maxBeds
        nights = availability.nights.map {
            Night(date: $0.date.description, bedsTotal: $0.bedsTotal, bedsHeld: $0.bedsHeld, bedsFree: $0.bedsFree)
        }
    }
}
