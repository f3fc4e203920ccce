import BMSCore
import Hummingbird

/// Forgotten passwords in the browser: `/forgot-password` asks for a reset link (the answer is the same
/// whether or not the address has an account), and `/auth/reset-password/:token` — the page the reset
/// e-mail links to — sets the new password and sends the browser to log in. `/reset-password?token=…`
/// leads there too.
struct PasswordPagesController {
    let accounts: AccountService
    let pages: PageRenderer
    let mailLinks: MailLinkLog

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forgot-password", use: forgotForm)
        router.post("/forgot-password", use: forgot)
        router.get("/reset-password", use: resetByQuery)
        router.get("/auth/reset-password/:token", use: resetForm)
        router.post("/auth/reset-password/:token", use: reset)
    }

    func forgotForm(request: Request, context: AppRequestContext) throws -> HTMLPage {
        var values: [String: Any] = FormState(values: ["email": ""]).templateValues
        if request.uri.queryParameters["sent"] != nil {
            values["notice"] =
                "If an account uses this address, we have sent it a link to choose a new password. The link works once, for a limited time."
        }
        return try pages.page("forgot-password", title: "Forgot your password", session: BrowserSession(request, context), values)
    }

    func forgot(request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormFields.read(request, context)
        do {
            try await accounts.requestPasswordReset(email: try Required.field("email", form.text("email")))
            mailLinks.announceNew(logger: context.logger)
            return Response.redirect(to: "/forgot-password?sent=1", type: .normal)
        } catch {
            let (state, status) = try FormState.refusal(error, keeping: ["email": form["email"] ?? ""], requestID: context.requestID)
            return try pages.page(
                "forgot-password", title: "Forgot your password", session: BrowserSession(request, context), state.templateValues
            ).response(status: status, request, context)
        }
    }

    func resetByQuery(request: Request, context: AppRequestContext) throws -> Response {
        guard let token = request.uri.queryParameters["token"], !token.isEmpty else { return Response.redirect(to: "/forgot-password") }
        return Response.redirect(to: "/auth/reset-password/" + QueryString.escapePathSegment(String(token)), type: .normal)
    }

    func resetForm(request: Request, context: AppRequestContext) throws -> HTMLPage {
        try resetPage(FormState(), token: try context.parameters.require("token"), request, context)
    }

    /// The new password twice: the second must match, checked here because the domain takes one.
    func reset(request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormFields.read(request, context)
        do {
            let password = try Required.field("password", form.secret("password"))
            guard form["passwordAgain"] == password else { throw APIError.validationFailed(["passwordAgain": "must be the same password again"]) }
            try await accounts.resetPassword(token: token, newPassword: password)
            return Response.redirect(to: "/login?reset=1", type: .normal)
        } catch {
            let (refusal, status) = try FormState.refusal(error, keeping: [:], requestID: context.requestID)
            var state = refusal
            if (error as? AccountError) == .invalidToken {
                state.message = "This link is invalid, used already, or has expired. Ask for a new one below."
            }
            return try resetPage(state, token: token, request, context).response(status: status, request, context)
        }
    }

    private func resetPage(_ state: FormState, token: String, _ request: Request, _ context: AppRequestContext) throws -> HTMLPage {
        var values = state.templateValues
        values["action"] = "/auth/reset-password/" + QueryString.escapePathSegment(token)
        return try pages.page("reset-password", title: "Choose a new password", session: BrowserSession(request, context), values)
    }
}
