import BMSCore
import Hummingbird

/// `/login` and `/logout` for browsers: the login form posts, and on success the session cookies are set
/// and the browser is sent on (POST/redirect/GET) to `next` or the home page. Logging out ends the
/// session and clears the cookies; it is a POST, so the CSRF check guards it.
struct LoginPagesController {
    let accounts: AccountService
    let issuer: SessionIssuer
    let pages: PageRenderer
    let trustProxy: Bool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/login", use: form)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
    }

    func form(request: Request, context: AppRequestContext) throws -> HTMLPage {
        let parameters = request.uri.queryParameters
        var state = FormState(values: ["next": parameters["next"].map(String.init) ?? ""])
        var values: [String: Any] = [:]
        if parameters["reset"] != nil { values["notice"] = "Your password has been changed. Log in with the new one." }
        if parameters["loggedOut"] != nil { values["notice"] = "You have logged out." }
        state.values["email"] = ""
        return try render(state, values, request, context)
    }

    func login(request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormFields.read(request, context)
        let echo = FormState(echoing: ["email", "next"], from: form).values
        do {
            let (email, password) = try Required.fields(("email", form.text("email")), ("password", form.secret("password")))
            let client = ClientAddress.of(request, context: context, trustProxy: trustProxy)
            let session = try await accounts.login(email: email, password: password, clientAddress: client)
            var response = Response.redirect(to: LocalRedirect.path(form["next"]), type: .normal)
            issuer.setCookies(on: &response, try await issuer.issue(session))
            return response
        } catch {
            let (state, status) = try FormState.refusal(error, keeping: echo, requestID: context.requestID)
            return try render(state, [:], request, context).response(status: status, request, context)
        }
    }

    /// Ends the session of the access cookie (if it still holds one) and clears the cookies.
    func logout(request: Request, context: AppRequestContext) async throws -> Response {
        if let identity = context.identity { try await accounts.endSession(identity.sessionID) }
        var response = Response.redirect(to: "/login?loggedOut=1", type: .normal)
        issuer.cookies.clear(on: &response)
        return response
    }

    private func render(_ state: FormState, _ values: [String: Any], _ request: Request, _ context: AppRequestContext) throws -> HTMLPage {
        try pages.page("login", title: "Log in", session: BrowserSession(request, context), values.merging(state.templateValues) { $1 })
    }
}
