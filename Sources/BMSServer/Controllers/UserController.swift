import BMSCore
import Foundation
import Hummingbird

/// `/api/users/:id`: profiles, profile changes and avatars. Who may see or change what is decided by
/// `AccessPolicy`; which fields a user may change is the account service's rule.
struct UserController {
    let accounts: AccountService
    let payments: PaymentService

    func addRoutes(to router: Router<AppRequestContext>) {
        let users = router.group("/api/users")
        users.get("/:id", use: show)
        users.put("/:id", use: update)
        users.post("/:id/avatar", use: uploadAvatar)
        users.put("/:id/stripe", use: connectStripe)
    }

    /// The avatar form: one file field.
    struct AvatarUpload: Decodable {
        let avatar: Data
    }

    /// The public profile for any logged-in user; the full one for the user themself and admins.
    func show(request: Request, context: AppRequestContext) throws -> APIResponse<UserEnvelope> {
        let viewer = try context.requireUser()
        guard let user = try accounts.user(try context.pathID(as: UserID.self)) else { throw APIError.notFound }
        return APIResponse(UserEnvelope(user: .seen(user, by: viewer)))
    }

    func update(request: Request, context: AppRequestContext) async throws -> APIResponse<UserEnvelope> {
        let id: UserID = try context.pathID()
        let actor = try context.requireSelfOrAdmin(id)
        let changes = try await request.decodeJSON(as: ProfileChanges.self, context: context)
        let user = try await accounts.updateProfile(id, changes, by: actor)
        return APIResponse(UserEnvelope(user: .full(user)))
    }

    /// `multipart/form-data` with the image in the field `avatar`. Its type is decided by its bytes.
    func uploadAvatar(request: Request, context: AppRequestContext) async throws -> APIResponse<UserEnvelope> {
        let id: UserID = try context.pathID()
        let actor = try context.requireSelfOrAdmin(id)
        let upload = try await request.decodeMultipart(as: AvatarUpload.self, context: context)
        let user = try await accounts.setAvatar(id, image: Array(upload.avatar), by: actor)
        return APIResponse(UserEnvelope(user: .full(user)))
    }

    /// Brings the owner's `stripeConnected` up to date from the payment provider's own record of their
    /// account (never from anything the client sends) and answers it; the owner or an admin. An owner who
    /// never started onboarding is answered as not connected.
    func connectStripe(request: Request, context: AppRequestContext) async throws -> APIResponse<PayoutAccountEnvelope> {
        let id: UserID = try context.pathID()
        let actor = try context.requireSelfOrAdmin(id)
        return APIResponse(PayoutAccountEnvelope(stripe: PayoutAccountResponse(try await payments.refreshAccount(of: id, by: actor))))
    }
}
