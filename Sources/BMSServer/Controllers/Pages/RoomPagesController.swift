import BMSCore
import Hummingbird

/// `/owner/properties/:id/rooms` and `/owner/rooms/:id/edit`: a property's rooms with the form to add
/// one, and each room's edit page (with its photos), validated like `POST`/`PUT /api/rooms` but with
/// the rent and deposit in rupees. Removing a room that bookings still hold is refused with the
/// listing service's reason.
struct RoomPagesController {
    let listings: ListingService
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/owner/properties/:id/rooms", use: list)
        router.post("/owner/properties/:id/rooms", use: create)
        router.get("/owner/rooms/:id/edit", use: editForm)
        router.post("/owner/rooms/:id", use: update)
        router.post("/owner/rooms/:id/delete", use: delete)
    }

    func list(request: Request, context: AppRequestContext) throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let details = try managed.property(try context.pathID(), user)
        let query = request.uri.queryParameters
        var notice: String?
        if query["added"] != nil { notice = "The room is added. Open it to add its photos." }
        if query["saved"] != nil { notice = "The room is saved." }
        if query["removed"] != nil { notice = "The room is removed." }
        return try renderList(details, FormState(values: RoomFormInput.blank), notice: notice, request, context)
            .response(from: request, context: context)
    }

    func create(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let details = try managed.property(try context.pathID(), user)
        let fields = try await FormFields.read(request, context)
        do {
            _ = try await listings.createRoom(try RoomFormInput.form(fields, property: details.property.id).get(), by: user)
            return Response.redirect(to: Self.listPath(details.property.id) + "?added=1", type: .normal)
        } catch {
            let (state, status) = try FormState.refusal(
                error, keeping: RoomFormInput.echo(fields), requestID: context.requestID, renaming: RoomFormInput.formErrors)
            return try renderList(details, state, request, context).response(status: status, request, context)
        }
    }

    func editForm(request: Request, context: AppRequestContext) throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let (room, details) = try managed.room(try context.pathID(), user)
        let notice = request.uri.queryParameters["photos"] != nil ? "The photos are saved." : nil
        return try renderEdit(room, details, FormState(values: RoomFormInput.values(room)), notice: notice, request, context)
            .response(from: request, context: context)
    }

    func update(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let (room, details) = try managed.room(try context.pathID(), user)
        let fields = try await FormFields.read(request, context)
        do {
            _ = try await listings.updateRoom(room.id, try RoomFormInput.form(fields, property: nil).get(), by: user)
            return Response.redirect(to: Self.listPath(details.property.id) + "?saved=1", type: .normal)
        } catch {
            let (state, status) = try FormState.refusal(
                error, keeping: RoomFormInput.echo(fields), requestID: context.requestID, renaming: RoomFormInput.formErrors)
            return try renderEdit(room, details, state, request, context).response(status: status, request, context)
        }
    }

    func delete(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let (room, details) = try managed.room(try context.pathID(), user)
        do {
            try await listings.deleteRoom(room.id, by: user)
            return Response.redirect(to: Self.listPath(details.property.id) + "?removed=1", type: .normal)
        } catch {
            let (state, status) = try FormState.refusal(error, keeping: RoomFormInput.blank, requestID: context.requestID)
            return try renderList(details, state, request, context).response(status: status, request, context)
        }
    }

    private var managed: ManagedListings { ManagedListings(listings: listings) }

    private static func listPath(_ id: PropertyID) -> String { "/owner/properties/\(id)/rooms" }

    /// The rooms page: each active room with its price, beds and links, then the add form with `state`.
    private func renderList(
        _ details: PropertyDetails, _ state: FormState, notice: String? = nil, _ request: Request, _ context: AppRequestContext
    ) throws -> HTMLPage {
        let property = details.property
        var values = state.templateValues.merging(RoomFormInput.options(state.values)) { $1 }
        values["notice"] = notice
        values["propertyName"] = property.name
        values["editHref"] = "/owner/properties/\(property.id)/edit"
        values["formAction"] = Self.listPath(property.id)
        let rooms = details.rooms.filter(\.isActive)
        values["hasRooms"] = !rooms.isEmpty
        values["rooms"] = rooms.map { room in
            [
                "roomNumber": room.roomNumber, "roomType": room.roomType.name, "beds": BookingText.count(room.capacity, "bed"),
                "price": RupeeText.format(room.price), "deposit": RupeeText.format(room.securityDeposit),
                "availability": room.isAvailable
                    ? (room.availableFrom.map { "From \(DateText.readable($0))" } ?? "Open for booking") : "Switched off",
                "photoCount": BookingText.count(room.images.count, "photo"),
                "editHref": "/owner/rooms/\(room.id)/edit", "deleteAction": "/owner/rooms/\(room.id)/delete",
            ] as [String: Any]
        }
        return try pages.page("owner-rooms", title: "Rooms of \(property.name)", session: BrowserSession(request, context), values)
    }

    private func renderEdit(
        _ room: Room, _ details: PropertyDetails, _ state: FormState, notice: String? = nil, _ request: Request, _ context: AppRequestContext
    ) throws -> HTMLPage {
        var values = state.templateValues.merging(RoomFormInput.options(state.values)) { $1 }
        values["notice"] = notice
        values["propertyName"] = details.property.name
        values["roomNumber"] = room.roomNumber
        values["roomsHref"] = Self.listPath(details.property.id)
        values["formAction"] = "/owner/rooms/\(room.id)"
        values.merge(ListingPhotos.values(room.images, of: .room(room.id), name: "room \(room.roomNumber) of \(details.property.name)")) { $1 }
        return try pages.page(
            "room-form", title: "Room \(room.roomNumber) of \(details.property.name)", session: BrowserSession(request, context), values)
    }
}
