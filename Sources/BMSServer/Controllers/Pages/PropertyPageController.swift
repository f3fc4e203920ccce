import BMSCore
import Hummingbird

/// `/properties/:id`: a property as a seeker weighs it — photos, description, rules, amenities, owner,
/// and its rooms with price, deposit and (for dates in the query) beds free, each with a link to book.
/// Unlisted properties are 404 for everyone but their owner and admins, as in the API.
struct PropertyPageController {
    let listings: ListingService
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/properties/:id", use: show)
    }

    func show(request: Request, context: AppRequestContext) throws -> HTMLPage {
        guard let details = try listings.property(try context.pathID(), viewer: context.viewer) else { throw APIError.notFound }
        let property = details.property
        let dates = StayDates(request.uri.queryParameters)
        var rooms: [[String: Any]] = []
        for room in details.rooms where room.isActive {
            rooms.append(try roomValues(room, dates: dates, viewer: context.viewer))
        }
        let address = property.address
        var values: [String: Any] = [
            "id": property.id.description, "name": property.name, "description": property.description,
            "propertyType": property.propertyType.name, "ownerName": property.ownerName,
            "rating": RatingText.summary(rating: property.rating, reviews: property.reviewCount),
            "street": address.street, "locality": address.locality, "city": address.city, "state": address.state,
            "zipCode": address.zipCode, "country": address.country,
            "latitude": String(address.coordinates.latitude), "longitude": String(address.coordinates.longitude),
            "rules": property.rules, "hasRules": !property.rules.isEmpty,
            "amenities": property.amenities.amenities.map(AmenityLabel.text), "hasAmenities": !property.amenities.amenities.isEmpty,
            "photos": property.images.enumerated().map { index, digest in
                ["src": MediaController.path(for: digest), "alt": "Photo \(index + 1) of \(property.name)"]
            },
            "hasPhotos": !property.images.isEmpty,
            "cancellationPolicy": property.cancellationPolicy.name, "instantBook": property.instantBook,
            "timeZone": property.timeZone, "isUnlisted": !property.isPublic,
            "verification": property.verification.name,
            "rooms": rooms, "hasRooms": !rooms.isEmpty,
            "dates": ["from": dates.from, "to": dates.to],
            "errors": dates.problems.mapValues(FormState.sentence),
        ]
        if let stay = dates.stay {
            let nights = stay.from.nights(until: stay.to)
            values["stayText"] =
                "\(DateText.withWeekday(stay.from)) to \(DateText.withWeekday(stay.to)) (\(nights) night\(nights == 1 ? "" : "s"))"
        }
        return try pages.page("property", title: property.name, session: BrowserSession(request, context), values)
    }

    private func roomValues(_ room: Room, dates: StayDates, viewer: User?) throws -> [String: Any] {
        var book = [("room", room.id.description)]
        if let stay = dates.stay { book += [("from", stay.from.description), ("to", stay.to.description)] }
        var values: [String: Any] = [
            "number": room.roomNumber, "type": room.roomType.name, "price": RupeeText.format(room.price),
            "deposit": RupeeText.format(room.securityDeposit), "capacity": room.capacity == 1 ? "1 bed" : "\(room.capacity) beds",
            "bookHref": "/book?" + QueryString.encode(book), "offered": room.isAvailable,
        ]
        if !room.amenities.amenities.isEmpty { values["roomAmenities"] = room.amenities.amenities.map(AmenityLabel.text).joined(separator: ", ") }
        if let from = room.availableFrom { values["availableFrom"] = DateText.readable(from) }
        if let stay = dates.stay, let availability = try listings.availability(of: room.id, from: stay.from, to: stay.to, viewer: viewer) {
            let free = availability.maxBeds
            values["bedsFree"] = free == 0 ? "No bed free for these dates" : "\(free) of \(room.capacity) free for these dates"
            values["full"] = free == 0
        }
        return values
    }
}
