import BMSCore
import Hummingbird

/// `/api/rooms`: a property's rooms, their changes, their beds night by night and the price of a stay.
/// Reading follows the property's visibility; changes are for the property's owner and admins (the
/// listing service's rule).
struct RoomController {
    static let path = "/api/rooms"

    let listings: ListingService
    /// Prices a stay for the booking form's live quote.
    let bookings: BookingService
    /// `MIN_STAY_NIGHTS`: the shortest stay a quote is given for.
    let minimumNights: Int

    func addRoutes(to router: Router<AppRequestContext>) {
        let rooms = router.group(RouterPath(Self.path))
        rooms.post(use: create)
        rooms.get("/property/:propertyId", use: listByProperty)
        rooms.get("/:id", use: show)
        rooms.put("/:id", use: update)
        rooms.delete("/:id", use: delete)
        rooms.get("/:id/availability", use: availability)
        rooms.get("/:id/quote", use: quote)
    }

    /// A new room of the property named by `propertyId` in the body: 201.
    func create(request: Request, context: AppRequestContext) async throws -> APIResponse<RoomEnvelope> {
        let actor = try context.requireUser()
        let form = try await request.decodeJSON(as: RoomForm.self, context: context)
        return APIResponse(RoomEnvelope(try await listings.createRoom(form, by: actor)), status: .created)
    }

    func show(request: Request, context: AppRequestContext) throws -> APIResponse<RoomEnvelope> {
        guard let room = try listings.room(try context.pathID(), viewer: context.viewer) else { throw APIError.notFound }
        return APIResponse(RoomEnvelope(room))
    }

    /// The property's active rooms (deleted ones too for its owner and admins); 404 when the viewer may
    /// not see the property.
    func listByProperty(request: Request, context: AppRequestContext) throws -> APIResponse<RoomList> {
        guard let rooms = try listings.rooms(of: try context.pathID("propertyId"), viewer: context.viewer) else {
            throw APIError.notFound
        }
        return APIResponse(RoomList(rooms: rooms.map(RoomResponse.init)))
    }

    func update(request: Request, context: AppRequestContext) async throws -> APIResponse<RoomEnvelope> {
        let id: RoomID = try context.pathID()
        let actor = try context.requireUser()
        let form = try await request.decodeJSON(as: RoomForm.self, context: context)
        return APIResponse(RoomEnvelope(try await listings.updateRoom(id, form, by: actor)))
    }

    /// Takes the room off the site (it is kept, inactive, for its bookings' history).
    func delete(request: Request, context: AppRequestContext) async throws -> APIResponse<DeletedResponse> {
        let id: RoomID = try context.pathID()
        try await listings.deleteRoom(id, by: try context.requireUser())
        return APIResponse(DeletedResponse())
    }

    /// `?from=YYYY-MM-DD&to=YYYY-MM-DD` (`to` is the check-out day): beds per night and whether the
    /// whole stay can be booked.
    func availability(request: Request, context: AppRequestContext) throws -> APIResponse<AvailabilityResponse> {
        let id: RoomID = try context.pathID()
        let (from, to) = try AvailabilityParameters.parse(request.uri.queryParameters)
        guard let availability = try listings.availability(of: id, from: from, to: to, viewer: context.viewer) else {
            throw APIError.notFound
        }
        return APIResponse(AvailabilityResponse(availability))
    }

    /// `?from=YYYY-MM-DD&to=YYYY-MM-DD&beds=N` (`to` is the check-out day, `beds` 1 by default): the
    /// server's price of the stay, for the booking form to show and send back as `totalAmount`. It says
    /// nothing about free beds (see `availability`).
    func quote(request: Request, context: AppRequestContext) throws -> APIResponse<StayQuoteResponse> {
        let id: RoomID = try context.pathID()
        let (from, to, beds) = try QuoteParameters.parse(request.uri.queryParameters, minimumNights: minimumNights)
        guard let quote = try bookings.quote(room: id, from: from, to: to, beds: beds, viewer: context.viewer) else { throw APIError.notFound }
        return APIResponse(
            StayQuoteResponse(roomId: id.description, checkInDate: from.description, checkOutDate: to.description, quote: QuoteResponse(quote)))
    }
}
