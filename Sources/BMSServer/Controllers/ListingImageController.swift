import BMSCore
import Hummingbird

/// `…/:id/images` under `/api/properties` and `/api/rooms`: adding, removing and reordering the photos of
/// a property or a room. Both follow the same rules (`ListingService+Images`), so one set of handlers
/// serves both, told apart by the `ImageOwner` read from the path.
struct ListingImageController {
    let listings: ListingService
    /// The largest single file (`BMS_MAX_UPLOAD_BYTES`).
    let maxFileBytes: Int

    /// The upload routes, which take up to `ListingService.imageLimit` files in one body (see
    /// `RequestBodyLimitMiddleware`).
    static let uploadRoutes: Set<String> = [PropertyController.path + "/{id}/images", RoomController.path + "/{id}/images"]

    /// The new order: every current photo's digest (the last segment of its `/media/` URL) once.
    struct ImageOrder: Decodable {
        let order: [MediaDigest]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        addRoutes(to: router.group(RouterPath(PropertyController.path))) { .property(try $0.pathID()) }
        addRoutes(to: router.group(RouterPath(RoomController.path))) { .room(try $0.pathID()) }
    }

    private func addRoutes(
        to group: RouterGroup<AppRequestContext>, owner: @escaping @Sendable (AppRequestContext) throws -> ImageOwner
    ) {
        group.post("/:id/images") { request, context in try await upload(request, context, to: try owner(context)) }
        group.put("/:id/images") { request, context in try await reorder(request, context, of: try owner(context)) }
        group.delete("/:id/images/:digest") { request, context in try await remove(request, context, from: try owner(context)) }
    }

    /// `multipart/form-data` with one or more files in the field `images` (repeated, or `images[]`). One
    /// bad file refuses them all.
    func upload(_ request: Request, _ context: AppRequestContext, to owner: ImageOwner) async throws -> APIResponse<ImageList> {
        let actor = try context.requireUser()
        let files = try await request.multipartFiles(named: "images", maxFileBytes: maxFileBytes, context: context)
        return APIResponse(ImageList(try await listings.addImages(files, to: owner, by: actor)))
    }

    /// `{ "order": [digest, …] }`, naming each current photo once; the first becomes the cover.
    func reorder(_ request: Request, _ context: AppRequestContext, of owner: ImageOwner) async throws -> APIResponse<ImageList> {
        let actor = try context.requireUser()
        let body = try await request.decodeJSON(as: ImageOrder.self, context: context)
        return APIResponse(ImageList(try await listings.reorderImages(body.order, of: owner, by: actor)))
    }

    /// The photo leaves the list; its file is deleted once nothing else uses it.
    func remove(_ request: Request, _ context: AppRequestContext, from owner: ImageOwner) async throws -> APIResponse<ImageList> {
        guard let digest = MediaDigest(try context.parameters.require("digest")) else { throw APIError.notFound }
        let actor = try context.requireUser()
        return APIResponse(ImageList(try await listings.removeImage(digest, from: owner, by: actor)))
    }
}
