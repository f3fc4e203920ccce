import BMSCore
import Hummingbird

/// `/admin/verification`: the admins' queue of properties waiting for verification, oldest first, with
/// what an admin needs to decide (owner, address and map point, type, rooms, amenities, rules, photos),
/// and approve or reject with a reason (required, shown next to that property's reason field when
/// missing). The owner hears of the decision by notification and e-mail, as with the API.
struct AdminVerificationPagesController {
    /// How many waiting properties the page lists at once; deciding some brings on the next.
    static let pageSize = 50
    static let adminsOnly = "The verification queue is for admins."

    let listings: ListingService
    let pages: PageRenderer
    let mailLinks: MailLinkLog

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/verification", use: queue)
        router.post("/admin/verification/:id", use: decide)
    }

    func queue(request: Request, context: AppRequestContext) throws -> Response {
        guard let admin = try SignedInPage.user(context, [.admin], Self.adminsOnly) else { return SignedInPage.loginRedirect(request, context) }
        let query = request.uri.queryParameters
        var notice: String?
        if let name = query["verified"] { notice = "\(name) is verified: seekers can find it now." }
        if let name = query["rejected"] { notice = "\(name) is rejected; its owner is told why." }
        return try render(admin, refused: nil, notice: notice, request, context).response(from: request, context: context)
    }

    /// `decision` verified or rejected, with `reason`.
    func decide(request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try SignedInPage.require([.admin], try context.requireUser(), Self.adminsOnly)
        let id: PropertyID = try context.pathID()
        let fields = try await FormFields.read(request, context)
        let decision = fields.text("decision")
        do {
            let property = try await listings.verify(id, VerificationDecision(status: decision, reason: fields.text("reason")), by: admin)
            mailLinks.announceNew(logger: context.logger)
            let outcome = property.verification == .verified ? "verified" : "rejected"
            return Response.redirect(to: "/admin/verification?" + QueryString.encode([(outcome, property.name)]), type: .normal)
        } catch {
            let (state, status) = try FormState.refusal(
                error, keeping: FormState(echoing: ["reason"], from: fields).values, requestID: context.requestID)
            return try render(admin, refused: (id, state), request, context).response(status: status, request, context)
        }
    }

    /// The queue; a refused decision shows its problems on its own property's card.
    private func render(
        _ admin: User, refused: (PropertyID, FormState)?, notice: String? = nil, _ request: Request, _ context: AppRequestContext
    ) throws -> HTMLPage {
        let waiting = try listings.properties(withStatus: .pending, by: admin, limit: Self.pageSize)
        let total = waiting.count < Self.pageSize ? waiting.count : try listings.propertyCount(withStatus: .pending, by: admin)
        var values: [String: Any] = ["hasProperties": !waiting.isEmpty, "count": total == 1 ? "1 property" : "\(total) properties"]
        if total > waiting.count { values["shown"] = "The oldest \(waiting.count) are below; deciding them brings on the rest." }
        values["notice"] = notice
        values["properties"] = try waiting.map { property in
            var card = try self.card(property, admin)
            if let refused, refused.0 == property.id { card.merge(refused.1.templateValues) { $1 } }
            return card
        }
        if let refused, !waiting.contains(where: { $0.id == refused.0 }) { values["formMessage"] = refused.1.message }
        return try pages.page("admin-verification", title: "Verification queue", session: BrowserSession(request, context), values)
    }

    private func card(_ property: Property, _ admin: User) throws -> [String: Any] {
        let address = property.address
        let rooms = try listings.rooms(of: property.id, viewer: admin)?.filter(\.isActive) ?? []
        var card: [String: Any] = [
            "id": property.id.description, "name": property.name, "ownerName": property.ownerName, "type": property.propertyType.name,
            "listedAt": BookingText.time(property.createdAt, zone: property.timeZone),
            "address": [address.street, address.locality, address.city, address.state, address.zipCode, address.country]
                .filter { !$0.isEmpty }.joined(separator: ", "),
            "point": "\(address.coordinates.latitude), \(address.coordinates.longitude)",
            "rules": property.rules, "hasRules": !property.rules.isEmpty,
            "amenities": property.amenities.amenities.isEmpty
                ? "None given" : property.amenities.amenities.map(AmenityLabel.text).joined(separator: ", "),
            "rooms": rooms.map {
                "Room \($0.roomNumber): \($0.roomType.name), \(BookingText.count($0.capacity, "bed")), \(RupeeText.format($0.price)) a bed a month"
            },
            "hasRooms": !rooms.isEmpty, "hasPhotos": !property.images.isEmpty,
            "photos": property.images.enumerated().map { index, digest in
                ["src": MediaController.path(for: digest), "alt": "Photo \(index + 1) of \(property.name)"]
            },
            "policy": property.cancellationPolicy.name.capitalized, "timeZone": property.timeZone,
            "action": "/admin/verification/\(property.id)",
        ]
        if !property.description.isEmpty { card["description"] = property.description }
        return card
    }
}
