import BMSCore
import Hummingbird

/// `/owner/properties/new` and `/owner/properties/:id/edit`: an owner lists a property and changes it
/// with the same validation as `POST`/`PUT /api/properties`, sees its verification status, manages its
/// photos (the photo manager posts to `ListingPhotoPagesController`) and takes it off the site, which
/// the listing service refuses (409, with its reason) while bookings still hold its beds.
struct PropertyFormPagesController {
    let listings: ListingService
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/owner/properties/new", use: newForm)
        router.post("/owner/properties", use: create)
        router.get("/owner/properties/:id/edit", use: editForm)
        router.post("/owner/properties/:id", use: update)
        router.post("/owner/properties/:id/delete", use: delete)
    }

    func newForm(request: Request, context: AppRequestContext) throws -> Response {
        guard let owner = try SignedInPage.user(context, [.owner], Self.ownersOnly) else { return SignedInPage.loginRedirect(request, context) }
        return try render(nil, owner, FormState(values: PropertyFormInput.blank), request, context).response(from: request, context: context)
    }

    /// Lists the property, pending verification, and goes on to its edit page for photos and rooms.
    func create(request: Request, context: AppRequestContext) async throws -> Response {
        let owner = try SignedInPage.require([.owner], try context.requireUser(), Self.ownersOnly)
        let fields = try await FormFields.read(request, context)
        let echo = PropertyFormInput.echo(fields)
        do {
            let property = try await listings.createProperty(try PropertyFormInput.form(fields, editing: false).get(), by: owner)
            return Response.redirect(to: "/owner/properties/\(property.id)/edit?created=1", type: .normal)
        } catch {
            let (state, status) = try FormState.refusal(error, keeping: echo, requestID: context.requestID, renaming: PropertyFormInput.formErrors)
            return try render(nil, owner, state, request, context).response(status: status, request, context)
        }
    }

    func editForm(request: Request, context: AppRequestContext) throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let details = try ManagedListings(listings: listings).property(try context.pathID(), user)
        let state = FormState(values: PropertyFormInput.values(details.property))
        let query = request.uri.queryParameters
        var notice: String?
        if query["created"] != nil { notice = "Your property is saved and waits for an admin to verify it. Add photos and rooms now." }
        if query["saved"] != nil { notice = "Your changes are saved." }
        if query["photos"] != nil { notice = "The photos are saved." }
        return try render(details, user, state, notice: notice, request, context).response(from: request, context: context)
    }

    func update(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let details = try ManagedListings(listings: listings).property(try context.pathID(), user)
        let fields = try await FormFields.read(request, context)
        let echo = PropertyFormInput.echo(fields)
        do {
            _ = try await listings.updateProperty(details.property.id, try PropertyFormInput.form(fields, editing: true).get(), by: user)
            return Response.redirect(to: "/owner/properties/\(details.property.id)/edit?saved=1", type: .normal)
        } catch {
            let (state, status) = try FormState.refusal(error, keeping: echo, requestID: context.requestID, renaming: PropertyFormInput.formErrors)
            return try render(details, user, state, request, context).response(status: status, request, context)
        }
    }

    /// Takes the property off the site; while bookings hold its beds the page says which room and why.
    func delete(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let details = try ManagedListings(listings: listings).property(try context.pathID(), user)
        do {
            try await listings.deleteProperty(details.property.id, by: user)
            return Response.redirect(to: "/owner?removed=1", type: .normal)
        } catch {
            var (state, status) = try FormState.refusal(error, keeping: [:], requestID: context.requestID)
            state.values = PropertyFormInput.values(details.property)
            state.errors = [:]
            return try render(details, user, state, request, context).response(status: status, request, context)
        }
    }

    static let ownersOnly = "Only owners list properties. Sign up as an owner to list yours."

    /// The create form (no property yet) or the edit page of `details`.
    private func render(
        _ details: PropertyDetails?, _ user: User, _ state: FormState, notice: String? = nil, _ request: Request,
        _ context: AppRequestContext
    ) throws -> HTMLPage {
        var values = state.templateValues.merging(PropertyFormInput.options(state.values)) { $1 }
        values["notice"] = notice
        guard let details else {
            values["formAction"] = "/owner/properties"
            return try pages.page("property-form", title: "List a property", session: BrowserSession(request, context), values)
        }
        let property = details.property
        values["editing"] = true
        values["formAction"] = "/owner/properties/\(property.id)"
        values["propertyId"] = property.id.description
        values["propertyName"] = property.name
        values["verification"] = OwnerListingText.verification(property)
        values["roomsHref"] = "/owner/properties/\(property.id)/rooms"
        values["roomCount"] = BookingText.count(details.rooms.filter(\.isActive).count, "room")
        values["publicHref"] = property.isPublic ? "/properties/\(property.id)" : nil
        values.merge(ListingPhotos.values(property.images, of: .property(property.id), name: property.name)) { $1 }
        return try pages.page("property-form", title: "Edit \(property.name)", session: BrowserSession(request, context), values)
    }
}
