import BMSCore
import Foundation
import Hummingbird

/// `/api/auth/*`: registration, login, token refresh and logout, e-mail verification and password reset,
/// and the current user. Tokens go back in the body (API clients) and as cookies (browsers).
struct AuthController {
    let accounts: AccountService
    let issuer: SessionIssuer
    let mailLinks: MailLinkLog
    let trustProxy: Bool

    func addRoutes(to router: Router<AppRequestContext>) {
        let auth = router.group("/api/auth")
        auth.post("/register", use: register)
        auth.post("/login", use: login)
        auth.post("/refresh", use: refresh)
        auth.post("/logout", use: logout)
        auth.post("/logout-all", use: logoutEverywhere)
        auth.post("/verify-email/:token", use: verifyEmail)
        auth.post("/resend-verification", use: resendVerification)
        auth.post("/forgot-password", use: forgotPassword)
        auth.post("/reset-password", use: resetPassword)
        auth.get("/me", use: me)
    }

    struct LoginForm: Decodable {
        var email: String?
        var password: String?
    }

    struct RefreshForm: Decodable {
        var refreshToken: String?
    }

    struct ForgotPasswordForm: Decodable {
        var email: String?
    }

    struct ResetPasswordForm: Decodable {
        var token: String?
        var password: String?
    }

    /// 201 with the new user and a session; the verification e-mail is in the outbox.
    func register(request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.decodeJSON(as: RegistrationForm.self, context: context)
        let session = try await accounts.register(form)
        mailLinks.announceNew(logger: context.logger)
        return try await issued(session, status: .created, request: request, context: context)
    }

    func login(request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.decodeJSON(as: LoginForm.self, context: context)
        let (email, password) = try Required.fields(("email", form.email), ("password", form.password))
        let client = ClientAddress.of(request, context: context, trustProxy: trustProxy)
        let session = try await accounts.login(email: email, password: password, clientAddress: client)
        return try await issued(session, status: .ok, request: request, context: context)
    }

    /// Rotates the refresh token from the body or, for browsers, the `bms_refresh` cookie.
    func refresh(request: Request, context: AppRequestContext) async throws -> Response {
        let token = try await refreshToken(request, context)
        let issued = try await issuer.issue(try await accounts.refresh(token))
        let body = RefreshedTokens(
            accessToken: issued.accessToken, refreshToken: issued.refreshToken, csrfToken: issued.csrfToken,
            expiresIn: Int(AccessTokens.lifetime))
        var response = try APIResponse(body).response(from: request, context: context)
        issuer.setCookies(on: &response, issued)
        return response
    }

    /// Ends the login the refresh token belongs to (its whole family) and clears the cookies.
    func logout(request: Request, context: AppRequestContext) async throws -> Response {
        let token = try await refreshToken(request, context)
        try await accounts.logout(token)
        var response = try APIResponse(MessageResponse(message: "Logged out.")).response(from: request, context: context)
        issuer.cookies.clear(on: &response)
        return response
    }

    /// Ends every login of the current user, on every device.
    func logoutEverywhere(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try await accounts.logoutEverywhere(user.id)
        var response = try APIResponse(MessageResponse(message: "Logged out everywhere.")).response(from: request, context: context)
        issuer.cookies.clear(on: &response)
        return response
    }

    func verifyEmail(request: Request, context: AppRequestContext) async throws -> APIResponse<UserEnvelope> {
        let token = try context.parameters.require("token")
        let user = try await accounts.verifyEmail(token: token)
        return APIResponse(UserEnvelope(user: .full(user)))
    }

    func resendVerification(request: Request, context: AppRequestContext) async throws -> APIResponse<MessageResponse> {
        let user = try context.requireUser()
        try await accounts.resendVerification(user.id)
        mailLinks.announceNew(logger: context.logger)
        return APIResponse(MessageResponse(message: "We have sent a new verification link to \(user.email.value)."), status: .accepted)
    }

    /// The same answer whether or not an account has that address, so it cannot be used to find accounts.
    func forgotPassword(request: Request, context: AppRequestContext) async throws -> APIResponse<MessageResponse> {
        let form = try await request.decodeJSON(as: ForgotPasswordForm.self, context: context)
        let email = try Required.field("email", form.email)
        try await accounts.requestPasswordReset(email: email)
        mailLinks.announceNew(logger: context.logger)
        return APIResponse(
            MessageResponse(message: "If an account uses this address, we have sent it a link to choose a new password."),
            status: .accepted)
    }

    /// Sets the new password and ends every session of the account.
    func resetPassword(request: Request, context: AppRequestContext) async throws -> APIResponse<MessageResponse> {
        let form = try await request.decodeJSON(as: ResetPasswordForm.self, context: context)
        let (token, password) = try Required.fields(("token", form.token), ("password", form.password))
        try await accounts.resetPassword(token: token, newPassword: password)
        return APIResponse(MessageResponse(message: "Your password has been changed. Log in with the new one."))
    }

    func me(request: Request, context: AppRequestContext) throws -> APIResponse<UserEnvelope> {
        APIResponse(UserEnvelope(user: .full(try context.requireUser())))
    }

    /// The session's answer: user and tokens in the body, and as cookies.
    private func issued(
        _ session: IssuedSession, status: HTTPResponse.Status, request: Request, context: AppRequestContext
    ) async throws -> Response {
        let issued = try await issuer.issue(session)
        let body = IssuedSessionResponse(
            user: .full(session.user), accessToken: issued.accessToken, refreshToken: issued.refreshToken,
            csrfToken: issued.csrfToken, expiresIn: Int(AccessTokens.lifetime))
        var response = try APIResponse(body, status: status).response(from: request, context: context)
        issuer.setCookies(on: &response, issued)
        return response
    }

    /// The refresh token from a JSON body `{ "refreshToken": … }`, else from the `bms_refresh` cookie.
    private func refreshToken(_ request: Request, _ context: AppRequestContext) async throws -> String {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        if buffer.readableBytes > 0 {
            let form = try context.requestDecoder.decode(RefreshForm.self, from: Data(buffer.readableBytesView))
            if let token = form.refreshToken, !token.isEmpty { return token }
        }
        if let cookie = request.cookies[SessionCookies.refresh]?.value, !cookie.isEmpty { return cookie }
        throw APIError.validationFailed(["refreshToken": "is required (in the body or the bms_refresh cookie)"])
    }
}
