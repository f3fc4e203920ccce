import BMSCore
import Hummingbird

/// `/profile`: the signed-in user's own name and phone number (the e-mail address is shown, not
/// changed here) with the same rules as `PUT /api/users/:id`, and their avatar, uploaded as a
/// multipart form with the rules of `POST /api/users/:id/avatar`. Both forms post and redirect back.
struct ProfilePagesController {
    /// The profile form's inputs, echoed back after a refusal.
    static let fields = ["firstName", "lastName", "phoneNumber"]

    let accounts: AccountService
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/profile", use: show)
        router.post("/profile", use: update)
        router.post("/profile/avatar", use: uploadAvatar)
    }

    func show(request: Request, context: AppRequestContext) throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        var notice: String?
        if request.uri.queryParameters["saved"] == "profile" { notice = "Your profile is saved." }
        if request.uri.queryParameters["saved"] == "avatar" { notice = "Your new picture is saved." }
        return try render(user, Self.saved(user), avatarProblem: nil, notice: notice, request, context)
            .response(from: request, context: context)
    }

    /// Saves the names and phone number; a blank one is refused by the account rules, next to its field.
    func update(request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let form = try await FormFields.read(request, context)
        let state = FormState(echoing: Self.fields, from: form)
        let changes = ProfileChanges(
            firstName: form["firstName"] ?? "", lastName: form["lastName"] ?? "", phoneNumber: form["phoneNumber"] ?? "")
        do {
            _ = try await accounts.updateProfile(user.id, changes, by: user)
            return Response.redirect(to: "/profile?saved=profile", type: .normal)
        } catch {
            let (refused, status) = try FormState.refusal(error, keeping: state.values, requestID: context.requestID)
            return try render(user, refused, avatarProblem: nil, notice: nil, request, context).response(status: status, request, context)
        }
    }

    /// Stores the picture of the form's `avatar` file input; its type is decided by its bytes.
    func uploadAvatar(request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.viewer else { return SignedInPage.loginRedirect(request, context) }
        let unchanged = Self.saved(user)
        do {
            let files = try await request.multipartFiles(named: "avatar", maxFileBytes: AccountService.avatarByteLimit, context: context)
            guard let image = files.first else {
                return try render(user, unchanged, avatarProblem: "Choose a picture first.", notice: nil, request, context)
                    .response(status: .unprocessableContent, request, context)
            }
            _ = try await accounts.setAvatar(user.id, image: image, by: user)
            return Response.redirect(to: "/profile?saved=avatar", type: .normal)
        } catch {
            let (refused, status) = try FormState.refusal(error, keeping: unchanged.values, requestID: context.requestID)
            let problem = refused.errors["avatar"].map(FormState.sentence) ?? refused.message ?? "This picture cannot be used."
            return try render(user, unchanged, avatarProblem: problem, notice: nil, request, context).response(status: status, request, context)
        }
    }

    /// The profile form filled with what is on file.
    private static func saved(_ user: User) -> FormState {
        FormState(values: ["firstName": user.firstName, "lastName": user.lastName, "phoneNumber": user.phoneNumber])
    }

    private func render(
        _ user: User, _ state: FormState, avatarProblem: String?, notice: String?, _ request: Request, _ context: AppRequestContext
    ) throws -> HTMLPage {
        var values = state.templateValues
        values["email"] = user.email.value
        values["role"] = user.role.rawValue
        values["fullName"] = user.fullName
        if let avatar = user.avatar { values["avatar"] = MediaController.path(for: avatar) }
        if let avatarProblem { values["avatarProblem"] = avatarProblem }
        if let notice { values["notice"] = notice }
        return try pages.page("profile", title: "Your profile", session: BrowserSession(request, context), values)
    }
}
