import BMSCore
import Foundation

/// What the owner's dashboard shows, gathered from the domain services: each property with its
/// verification, rooms and tonight's occupancy; check-ins of the next 30 days; paid requests waiting for
/// the owner's answer; the money (the payment service's summary and payouts) and the payout account.
/// Days are each property's own, in its time zone.
struct OwnerDashboard {
    /// How far ahead the check-ins list looks.
    static let checkInDays = 30
    static let payoutCount = 10
    /// How many the dashboard asks the services for at a time; it reads every page.
    static let pageSize = 100
    /// The most check-ins and requests listed; beyond them the dashboard says how many more there are.
    static let shownLimit = 100

    let listings: ListingService
    let bookings: BookingService
    let payments: PaymentService
    let now: Date

    func values(for owner: User) throws -> [String: Any] {
        var properties: [[String: Any]] = []
        var checkIns: [(CalendarDate, [String: Any])] = []
        var requests: [[String: Any]] = []
        for property in try ownProperties(owner) where property.deletedAt == nil {
            guard let details = try listings.property(property.id, viewer: owner) else { continue }
            let today = CalendarDate(now, inZone: property.timeZone)
            let roomNumbers = Dictionary(details.rooms.map { ($0.id, $0.roomNumber) }) { first, _ in first }
            properties.append(try card(details, today: today, owner: owner))
            let window = BookingFilter(from: today, to: today.adding(days: Self.checkInDays + 1))
            let upcoming = { (booking: Booking) in booking.checkIn >= today && [.pending, .confirmed].contains(booking.status) }
            for booking in try bookings(of: property.id, window, owner: owner, where: upcoming) {
                checkIns.append((booking.checkIn, line(booking, property, roomNumbers)))
            }
            let pending = BookingFilter(status: .pending, from: today)
            for booking in try bookings(of: property.id, pending, owner: owner, where: { $0.paymentStatus == .paid && !$0.instantBook }) {
                requests.append(line(booking, property, roomNumbers))
            }
        }
        var values: [String: Any] = [
            "properties": properties, "hasProperties": !properties.isEmpty,
            "checkIns": checkIns.sorted { $0.0 < $1.0 }.prefix(Self.shownLimit).map(\.1), "hasCheckIns": !checkIns.isEmpty,
            "requests": Array(requests.prefix(Self.shownLimit)), "hasRequests": !requests.isEmpty, "checkInDays": Self.checkInDays,
        ]
        values["moreCheckIns"] = Self.notShown(checkIns.count, "check-in")
        values["moreRequests"] = Self.notShown(requests.count, "request")
        values.merge(try money(owner)) { $1 }
        return values
    }

    /// What the list of `count` leaves out, or nil when it shows them all.
    private static func notShown(_ count: Int, _ noun: String) -> String? {
        count > shownLimit ? "\(BookingText.count(count - shownLimit, "more \(noun)")) not listed here (the first \(shownLimit) are)." : nil
    }

    /// All of the owner's properties, newest first.
    private func ownProperties(_ owner: User) throws -> [Property] {
        try Self.allPages { last in try listings.properties(ownedBy: owner.id, viewer: owner, limit: Self.pageSize, before: last?.id) }
    }

    /// Every booking of `property` that `filter` selects and `keep` accepts: a large property's current
    /// stays come before its check-ins in the calendar and must not crowd them out of a page.
    private func bookings(of property: PropertyID, _ filter: BookingFilter, owner: User, where keep: (Booking) -> Bool) throws -> [Booking] {
        try Self.allPages { last in
            try bookings.bookings(ofProperty: property, viewer: owner, filter: filter, limit: Self.pageSize, after: last?.id)
        }.filter(keep)
    }

    /// Everything a paged list holds: `page` is asked for the page after the last item so far (nil first)
    /// until a page comes back short.
    private static func allPages<Item>(_ page: (Item?) throws -> [Item]) rethrows -> [Item] {
        var all: [Item] = []
        while true {
            let next = try page(all.last)
            all += next
            guard next.count == pageSize else { return all }
        }
    }

    /// A property's card: status, rooms and the beds held tonight of its rooms' beds.
    private func card(_ details: PropertyDetails, today: CalendarDate, owner: User) throws -> [String: Any] {
        let property = details.property
        let rooms = details.rooms.filter(\.isActive)
        var held = 0
        for room in rooms {
            held += try listings.availability(of: room.id, from: today, to: today.adding(days: 1), viewer: owner)?.nights.first?.bedsHeld ?? 0
        }
        let beds = rooms.reduce(0) { $0 + $1.capacity }
        var values: [String: Any] = [
            "name": property.name, "place": "\(property.address.locality), \(property.address.city)".trimmingCharacters(in: [",", " "]),
            "verification": OwnerListingText.verification(property), "activity": OwnerListingText.activity(property),
            "isActive": property.isActive, "rooms": BookingText.count(rooms.count, "room"),
            "occupancy": "\(held) of \(BookingText.count(beds, "bed")) held tonight",
            "editHref": "/owner/properties/\(property.id)/edit", "roomsHref": "/owner/properties/\(property.id)/rooms",
        ]
        if property.isPublic { values["publicHref"] = "/properties/\(property.id)" }
        return values
    }

    /// A booking as a line of the check-ins and requests lists, linking to its page (where the owner
    /// confirms or declines).
    private func line(_ booking: Booking, _ property: Property, _ roomNumbers: [RoomID: String]) -> [String: Any] {
        [
            "href": "/bookings/\(booking.id)", "propertyName": property.name, "roomText": roomNumbers[booking.roomID].map { "Room \($0)" } ?? "Room",
            "checkIn": DateText.withWeekday(booking.checkIn), "checkOut": DateText.withWeekday(booking.checkOut),
            "beds": BookingText.count(booking.beds, "bed"), "status": BookingText.status(booking), "total": RupeeText.format(booking.quote.total),
        ]
    }

    /// The revenue summary, the latest payouts and where the payout account stands.
    private func money(_ owner: User) throws -> [String: Any] {
        let summary = try payments.summary(of: owner.id, by: owner)
        let payouts = try payments.payouts(of: owner.id, by: owner, limit: Self.payoutCount)
        let zone = ListingService.defaultTimeZone
        return [
            "revenue": [
                "gross": RupeeText.format(summary.gross), "refunded": RupeeText.format(summary.refunded),
                "commission": RupeeText.format(summary.commission), "net": RupeeText.format(summary.net),
                "held": RupeeText.format(summary.held), "paidOut": RupeeText.format(summary.paidOut),
                "pending": RupeeText.format(summary.pending), "payments": BookingText.count(summary.payments, "payment"),
            ],
            "payouts": payouts.map { payout in
                var values = [
                    "amount": RupeeText.format(payout.amount), "status": payout.status.capitalized,
                    "arrival": DateText.readable(CalendarDate(payout.arrivalDate, inZone: zone)),
                ]
                values["failure"] = payout.failureMessage
                return values
            },
            "hasPayouts": !payouts.isEmpty,
            "payoutAccount": payoutAccount(try payments.payoutAccount(of: owner.id, by: owner)),
        ]
    }

    /// Where the payout account stands, and what the connect button says.
    private func payoutAccount(_ account: PayoutAccountState) -> [String: Any] {
        var values: [String: Any] = ["connected": account.connected, "started": account.accountID != nil]
        values["accountId"] = account.accountID
        if account.connected {
            values["state"] = "Connected: payouts go to your bank account."
        } else if account.accountID == nil {
            values["state"] = "Not connected: your share of each payment is held for you until you connect a payout account."
        } else {
            values["state"] = "Onboarding not finished: the payment provider still needs some details. Your share is held until then."
        }
        return values
    }
}
