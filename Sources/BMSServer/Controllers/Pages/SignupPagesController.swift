import BMSCore
import Hummingbird

/// `/signup` and `/welcome`: a seeker or owner creates an account with the same validation as
/// `POST /api/auth/register`; the new session's cookies are set and the browser is sent to the welcome
/// page, which says where the verification link went.
struct SignupPagesController {
    /// The inputs echoed back after a refusal (never the password).
    static let echoedFields = ["firstName", "lastName", "email", "phoneNumber", "role"]

    let accounts: AccountService
    let issuer: SessionIssuer
    let pages: PageRenderer
    let mailLinks: MailLinkLog

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/signup", use: form)
        router.post("/signup", use: signup)
        router.get("/welcome", use: welcome)
    }

    func form(request: Request, context: AppRequestContext) throws -> HTMLPage {
        let role = request.uri.queryParameters["role"] == "owner" ? "owner" : "seeker"
        return try render(FormState(values: ["role": role]), request, context)
    }

    func signup(request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormFields.read(request, context)
        var echo = FormState(echoing: Self.echoedFields, from: form).values
        if echo["role"] != "owner" { echo["role"] = "seeker" }
        do {
            let registration = RegistrationForm(
                firstName: form.text("firstName"), lastName: form.text("lastName"), email: form.text("email"),
                password: form["password"], phoneNumber: form.text("phoneNumber"), role: form.text("role"))
            let session = try await accounts.register(registration)
            mailLinks.announceNew(logger: context.logger)
            var response = Response.redirect(to: "/welcome", type: .normal)
            issuer.setCookies(on: &response, try await issuer.issue(session))
            return response
        } catch {
            let (state, status) = try FormState.refusal(error, keeping: echo, requestID: context.requestID)
            return try render(state, request, context).response(status: status, request, context)
        }
    }

    /// After sign-up: what happens next. Without a session there is nothing to welcome, so: log in.
    func welcome(request: Request, context: AppRequestContext) throws -> Response {
        let session = BrowserSession(request, context)
        guard let user = session.user else { return Response.redirect(to: "/login", type: .normal) }
        let values: [String: Any] = [
            "firstName": user.firstName, "email": user.email.value, "isOwner": user.role == .owner, "isVerified": user.isVerified,
        ]
        return try pages.page("welcome", title: "Welcome", session: session, values).response(from: request, context: context)
    }

    private func render(_ state: FormState, _ request: Request, _ context: AppRequestContext) throws -> HTMLPage {
        var values = state.templateValues
        values["isOwner"] = state.values["role"] == "owner"
        return try pages.page("signup", title: "Sign up", session: BrowserSession(request, context), values)
    }
}
