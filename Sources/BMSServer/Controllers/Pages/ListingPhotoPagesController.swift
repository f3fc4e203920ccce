import BMSCore
import Hummingbird

/// The photo forms of the owner's property and room edit pages: upload (`multipart/form-data`, several
/// files in `images`, the CSRF token as a field of the same body), remove, and move one place up or down
/// (forms, so they work without JavaScript). Each change goes back to the edit page; a refused upload
/// (not an image, too large, too many) shows the photos page with the reason.
struct ListingPhotoPagesController {
    let listings: ListingService
    let pages: PageRenderer
    /// The largest single file (`BMS_MAX_UPLOAD_BYTES`).
    let maxFileBytes: Int

    /// The upload routes as the router writes them, for `RequestBodyLimitMiddleware`'s several-file limit.
    static let uploadRoutes: Set<String> = ["/owner/properties/{id}/photos", "/owner/rooms/{id}/photos"]

    func addRoutes(to router: Router<AppRequestContext>) {
        addRoutes(to: router.group("/owner/properties")) { .property(try $0.pathID()) }
        addRoutes(to: router.group("/owner/rooms")) { .room(try $0.pathID()) }
    }

    private func addRoutes(to group: RouterGroup<AppRequestContext>, owner: @escaping @Sendable (AppRequestContext) throws -> ImageOwner) {
        group.get("/:id/photos") { request, context in try await show(request, context, try owner(context)) }
        group.post("/:id/photos") { request, context in try await upload(request, context, try owner(context)) }
        group.post("/:id/photos/:digest/remove") { request, context in try await remove(request, context, try owner(context)) }
        group.post("/:id/photos/:digest/move") { request, context in try await move(request, context, try owner(context)) }
    }

    func show(_ request: Request, _ context: AppRequestContext, _ owner: ImageOwner) async throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        return try render(owner, user, FormState(), request, context).response(from: request, context: context)
    }

    func upload(_ request: Request, _ context: AppRequestContext, _ owner: ImageOwner) async throws -> Response {
        let user = try context.requireUser()
        _ = try subject(owner, user)
        return try await change(owner, user, request, context) {
            let files = try await request.multipartFiles(named: "images", maxFileBytes: maxFileBytes, context: context)
            _ = try await listings.addImages(files, to: owner, by: user)
        }
    }

    func remove(_ request: Request, _ context: AppRequestContext, _ owner: ImageOwner) async throws -> Response {
        let user = try context.requireUser()
        let digest = try Self.digest(context)
        return try await change(owner, user, request, context) { _ = try await listings.removeImage(digest, from: owner, by: user) }
    }

    /// `direction` up (towards the cover) or down.
    func move(_ request: Request, _ context: AppRequestContext, _ owner: ImageOwner) async throws -> Response {
        let user = try context.requireUser()
        let digest = try Self.digest(context)
        let direction = try await FormFields.read(request, context)["direction"]
        return try await change(owner, user, request, context) {
            guard direction == "up" || direction == "down" else { throw ListingError.validation(["direction": "must be up or down"]) }
            var order = try subject(owner, user).images
            guard let index = order.firstIndex(of: digest) else { throw APIError.notFound }
            let other = direction == "up" ? index - 1 : index + 1
            if order.indices.contains(other) { order.swapAt(index, other) }
            _ = try await listings.reorderImages(order, of: owner, by: user)
        }
    }

    /// Runs `body`, then back to the edit page; a refusal shows the photos page with its reason.
    private func change(
        _ owner: ImageOwner, _ user: User, _ request: Request, _ context: AppRequestContext, _ body: () async throws -> Void
    ) async throws -> Response {
        do {
            try await body()
            return Response.redirect(to: ListingPhotos.editPath(owner) + "?photos=1#photos", type: .normal)
        } catch {
            var (state, status) = try FormState.refusal(error, keeping: [:], requestID: context.requestID)
            if let problem = state.errors["images"] ?? state.errors.values.first { state.message = FormState.sentence(problem) }
            state.message = state.message ?? "The photos could not be changed."
            state.errors = [:]
            return try render(owner, user, state, request, context).response(status: status, request, context)
        }
    }

    /// The photos, name and edit page of the property or room `user` manages.
    private func subject(_ owner: ImageOwner, _ user: User) throws -> (images: [MediaDigest], name: String) {
        let managed = ManagedListings(listings: listings)
        switch owner {
        case .property(let id):
            let property = try managed.property(id, user).property
            return (property.images, property.name)
        case .room(let id):
            let (room, details) = try managed.room(id, user)
            return (room.images, "room \(room.roomNumber) of \(details.property.name)")
        }
    }

    private static func digest(_ context: AppRequestContext) throws -> MediaDigest {
        guard let digest = MediaDigest(try context.parameters.require("digest")) else { throw APIError.notFound }
        return digest
    }

    private func render(_ owner: ImageOwner, _ user: User, _ state: FormState, _ request: Request, _ context: AppRequestContext) throws -> HTMLPage {
        let (images, name) = try subject(owner, user)
        var values = state.templateValues.merging(ListingPhotos.values(images, of: owner, name: name)) { $1 }
        values["editHref"] = ListingPhotos.editPath(owner)
        return try pages.page("listing-photos", title: "Photos of \(name)", session: BrowserSession(request, context), values)
    }
}
