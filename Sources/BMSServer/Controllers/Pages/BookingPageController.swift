import BMSCore
import Hummingbird

/// `/book`: the booking form of a room for a seeker. It shows the room, the dates and beds (editable),
/// the server's quote and the cancellation policy; posting it books (POST/redirect/GET) and leads to the
/// booking's page, where the seeker pays. The posted form carries the total the seeker saw: if the dates
/// or beds changed the price, the form comes back with the new quote to check before booking.
struct BookingPageController {
    let listings: ListingService
    let bookings: BookingService
    let pages: PageRenderer

    /// The booking service's field names → the form's.
    private static let fieldNames = ["checkInDate": "from", "checkOutDate": "to", "beds": "beds", "specialRequests": "specialRequests"]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/book", use: form)
        router.post("/book", use: book)
    }

    func form(request: Request, context: AppRequestContext) throws -> Response {
        guard let seeker = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let query = request.uri.queryParameters
        var state = FormState(values: ["specialRequests": ""])
        for name in ["room", "from", "to", "beds"] { state.values[name] = query[name[...]].map(String.init) ?? "" }
        if state.values["beds", default: ""].isEmpty { state.values["beds"] = "1" }
        let (property, room) = try choice(state.values["room"], seeker)
        let quote = try quoted(room, &state, viewer: seeker)
        return try render(state, property, room, quote, request, context).response(from: request, context: context)
    }

    /// Books the room when the posted total is still the server's price; otherwise shows the form again
    /// with the problems or the new quote.
    func book(request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await FormFields.read(request, context)
        guard let seeker = context.viewer else { return try loginFirst(keeping: fields) }
        var state = FormState(echoing: ["room", "from", "to", "beds", "specialRequests"], from: fields)
        let (property, room) = try choice(state.values["room"], seeker)
        let quote = try quoted(room, &state, viewer: seeker)
        guard let quote, !state.hasProblems else {
            return try render(state, property, room, quote, request, context).response(status: .unprocessableContent, request, context)
        }
        guard fields.text("totalAmount") == String(quote.total.minorUnits) else {
            state.message = "The price for these dates and beds is \(RupeeText.format(quote.total)). Check it and press Book again."
            return try render(state, property, room, quote, request, context).response(status: .conflict, request, context)
        }
        let form = BookingForm(
            propertyId: property.id.description, roomId: room.id.description, checkInDate: state.values["from"],
            checkOutDate: state.values["to"], beds: quote.beds, totalAmount: quote.total.minorUnits,
            specialRequests: fields.text("specialRequests"))
        do {
            let booking = try await bookings.create(form, by: seeker)
            return Response.redirect(to: "/bookings/\(booking.id)?booked=1", type: .normal)
        } catch {
            let (refused, status) = try FormState.refusal(error, keeping: state.values, requestID: context.requestID)
            state.message = refused.message
            for (field, problem) in refused.errors { state.errors[Self.fieldNames[field] ?? field] = problem }
            if case BookingError.priceChanged(let current) = error {
                state.message = "The price for these dates and beds is now \(RupeeText.format(current.total)). Check it and press Book again."
            }
            return try render(state, property, room, quote, request, context).response(status: status, request, context)
        }
    }

    /// A form posted without a session (it ended while the form was open): log in, then come back to the
    /// same form with the room, dates and beds filled in, rather than to a page a browser cannot GET.
    private func loginFirst(keeping fields: FormFields) throws -> Response {
        let form = "/book?" + QueryString.encode(["room", "from", "to", "beds"].map { ($0, fields.text($0) ?? "") })
        return Response.redirect(to: "/login?" + QueryString.encode([("next", form)]), type: .normal)
    }

    /// The room of the form and its property, for a seeker; a designed 404 or 403 page otherwise.
    private func choice(_ roomText: String?, _ viewer: User) throws -> (Property, Room) {
        guard viewer.role == .seeker else {
            throw SignedInPage.forbidden("Only seekers book beds. Owners and admins see their bookings under My bookings.")
        }
        guard let id = roomText.flatMap({ RoomID($0) }), let room = try listings.room(id, viewer: viewer),
            let details = try listings.property(room.propertyID, viewer: viewer)
        else { throw APIError(.notFound, code: "not_found", message: "This room is not open for booking. Find another one.") }
        return (details.property, room)
    }

    /// The server's quote for the form's dates and beds, or nil after noting the problems in `state`.
    private func quoted(_ room: Room, _ state: inout FormState, viewer: User) throws -> BookingQuote? {
        let dates = StayDates(from: state.values["from"] ?? "", to: state.values["to"] ?? "")
        state.errors.merge(dates.problems) { $1 }
        if dates.from.isEmpty { state.errors["from"] = "is required" }
        if dates.to.isEmpty { state.errors["to"] = "is required" }
        guard let beds = Int(state.values["beds"] ?? ""), beds >= 1 else {
            state.errors["beds"] = "must be a number of beds, 1 or more"
            return nil
        }
        guard let stay = dates.stay else { return nil }
        do {
            return try bookings.quote(room: room.id, from: stay.from, to: stay.to, beds: beds, viewer: viewer)
        } catch BookingError.validation(let problems) {
            state.errors.merge(problems) { $1 }
            return nil
        }
    }

    private func render(
        _ state: FormState, _ property: Property, _ room: Room, _ quote: BookingQuote?, _ request: Request, _ context: AppRequestContext
    ) throws -> HTMLPage {
        var values: [String: Any] = [
            "propertyName": property.name, "propertyHref": "/properties/\(property.id)",
            "locality": "\(property.address.locality), \(property.address.city)",
            "roomText": "Room \(room.roomNumber) · \(room.roomType.name) · \(BookingText.count(room.capacity, "bed"))",
            "price": RupeeText.format(room.price), "deposit": RupeeText.format(room.securityDeposit), "capacity": room.capacity,
            "policy": BookingText.policy(property.cancellationPolicy), "instantBook": property.instantBook,
            "quoteHref": "/api/rooms/\(room.id)/quote",
        ]
        if let quote {
            values["quote"] = [
                "nights": BookingText.count(quote.nights, "night"), "beds": BookingText.count(quote.beds, "bed"),
                "rent": RupeeText.format(quote.rent), "deposit": RupeeText.format(quote.securityDeposit),
                "total": RupeeText.format(quote.total), "totalAmount": String(quote.total.minorUnits),
            ]
        }
        return try pages.page(
            "book", title: "Book \(property.name)", session: BrowserSession(request, context), values.merging(state.templateValues) { $1 })
    }
}
