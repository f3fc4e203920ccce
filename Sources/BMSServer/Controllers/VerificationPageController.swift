import BMSCore
import Hummingbird

/// `/auth/verify-email/:token`: the page the verification e-mail links to. Following the link verifies
/// the address (the same as `POST /api/auth/verify-email/:token`) and says so in a page; a used,
/// expired or unknown link gets a page that says what to do instead (400).
struct VerificationPageController {
    let accounts: AccountService
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/auth/verify-email/:token", use: verify)
    }

    func verify(request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let session = BrowserSession(request, context)
        do {
            let user = try await accounts.verifyEmail(token: try context.parameters.require("token"))
            let values: [String: Any] = ["verified": true, "firstName": user.firstName, "email": user.email.value]
            return try pages.page("verify-email", title: "E-mail verification", session: session, values)
        } catch AccountError.invalidToken {
            return try pages.page("verify-email", title: "E-mail verification", session: session, ["verified": false], status: .badRequest)
        }
    }
}
