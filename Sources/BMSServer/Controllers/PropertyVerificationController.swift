import BMSCore
import Hummingbird

/// `/api/admin/properties`: the verification queue and admins' decisions on listings. Admins only. The
/// owner hears of a decision by notification and e-mail.
struct PropertyVerificationController {
    let listings: ListingService
    let mailLinks: MailLinkLog

    func addRoutes(to router: Router<AppRequestContext>) {
        let properties = router.group("/api/admin/properties")
        properties.get(use: queue)
        properties.put("/:id/verify", use: verify)
    }

    /// Active properties with a verification status, oldest first: `?status=` (pending by default,
    /// verified, rejected), `limit`, `after=<id>`.
    func queue(request: Request, context: AppRequestContext) throws -> APIResponse<PropertyList> {
        let admin = try context.requireRole(.admin)
        let parameters = request.uri.queryParameters
        let status = try QueryValue.named(parameters, "status", VerificationStatus.self) ?? .pending
        let limit = try QueryValue.pageLimit(parameters)
        let after = try QueryValue.objectID(parameters, "after").map { PropertyID($0) }
        let properties = try listings.properties(withStatus: status, by: admin, limit: limit, after: after)
        return APIResponse(PropertyList(properties, limit: limit))
    }

    /// `{ "status": "verified" | "rejected", "reason": "…" }`; a rejection needs its reason.
    func verify(request: Request, context: AppRequestContext) async throws -> APIResponse<PropertyEnvelope> {
        let id: PropertyID = try context.pathID()
        let admin = try context.requireRole(.admin)
        let decision = try await request.decodeJSON(as: VerificationDecision.self, context: context)
        let property = try await listings.verify(id, decision, by: admin)
        mailLinks.announceNew(logger: context.logger)
        return APIResponse(PropertyEnvelope(property))
    }
}
