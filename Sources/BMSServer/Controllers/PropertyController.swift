import BMSCore
import Hummingbird

/// `/api/properties`: public search, property pages, and owners listing, changing and deleting their
/// properties. Reading is open to anyone: the public sees listed (verified, active) properties, owners
/// and admins also their unlisted ones. Who may change which property (its owner or an admin) is the
/// listing service's rule; `AccessPolicy` turns away anonymous callers first.
struct PropertyController {
    static let path = "/api/properties"

    let listings: ListingService

    func addRoutes(to router: Router<AppRequestContext>) {
        let properties = router.group(RouterPath(Self.path))
        properties.get(use: search)
        properties.get("/search", use: search)
        properties.post(use: create)
        properties.get("/owner/:ownerId", use: listByOwner)
        properties.get("/:id", use: show)
        properties.put("/:id", use: update)
        properties.delete("/:id", use: delete)
    }

    /// The query parameters of `SearchQuery.parse` (city, amenities, price range, near a point, dates, …).
    /// An empty filter counts as absent, so a search form may submit every field; an unknown parameter is
    /// refused all the same, so that a misspelt filter is not silently ignored.
    func search(request: Request, context: AppRequestContext) throws -> APIResponse<SearchPageResponse> {
        let items = FormQuery.items(request.uri.query).filter { !$0.value.isEmpty || !SearchQuery.parameterNames.contains($0.name) }
        return APIResponse(SearchPageResponse(try listings.search(try SearchQuery.parse(items))))
    }

    /// A new property of the calling owner, pending verification: 201.
    func create(request: Request, context: AppRequestContext) async throws -> APIResponse<PropertyEnvelope> {
        let owner = try context.requireRole(.owner)
        let form = try await request.decodeJSON(as: PropertyForm.self, context: context)
        return APIResponse(PropertyEnvelope(try await listings.createProperty(form, by: owner)), status: .created)
    }

    /// The property and its rooms; 404 when the viewer may not see it.
    func show(request: Request, context: AppRequestContext) throws -> APIResponse<PropertyDetailsResponse> {
        guard let details = try listings.property(try context.pathID(), viewer: context.viewer) else { throw APIError.notFound }
        return APIResponse(PropertyDetailsResponse(details))
    }

    /// Changes the fields sent; see `ListingService.updateProperty` for what sends it back to verification.
    func update(request: Request, context: AppRequestContext) async throws -> APIResponse<PropertyEnvelope> {
        let id: PropertyID = try context.pathID()
        let actor = try context.requireUser()
        let form = try await request.decodeJSON(as: PropertyForm.self, context: context)
        return APIResponse(PropertyEnvelope(try await listings.updateProperty(id, form, by: actor)))
    }

    /// Takes the property off the site (it is kept, inactive, for its bookings' history).
    func delete(request: Request, context: AppRequestContext) async throws -> APIResponse<DeletedResponse> {
        let id: PropertyID = try context.pathID()
        try await listings.deleteProperty(id, by: try context.requireUser())
        return APIResponse(DeletedResponse())
    }

    /// An owner's properties, newest first, `?limit=&before=<id>`: all of them for the owner and admins,
    /// the listed ones for anyone else.
    func listByOwner(request: Request, context: AppRequestContext) throws -> APIResponse<PropertyList> {
        let owner: UserID = try context.pathID("ownerId")
        let parameters = request.uri.queryParameters
        let limit = try QueryValue.pageLimit(parameters)
        let before = try QueryValue.objectID(parameters, "before").map { PropertyID($0) }
        let properties = try listings.properties(ownedBy: owner, viewer: context.viewer, limit: limit, before: before)
        return APIResponse(PropertyList(properties, limit: limit))
    }
}
