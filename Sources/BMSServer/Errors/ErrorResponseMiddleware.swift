import Hummingbird
import Logging

/// Catches every error thrown below it, maps it with `APIError(mapping:)` and answers: the JSON
/// envelope under `/api`, a designed HTML page elsewhere. Server faults are logged with their details,
/// which never reach the client.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = APIError(mapping: error, requestID: context.requestID)
            if apiError.status.kind == .serverError {
                context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            } else {
                context.logger.debug("request refused", metadata: ["error": .string(String(describing: error))])
            }
            return Self.isAPI(request.uri.path) ? APIErrorEnvelope.response(for: apiError) : htmlPage(apiError, request, context)
        }
    }

    /// `/api` and everything below it speaks JSON.
    static func isAPI(_ path: String) -> Bool { path == "/api" || path.hasPrefix("/api/") }

    /// The API's message, except where it speaks to a program: a browser's refused form was most likely
    /// open from before a login or logout.
    static func pageMessage(_ error: APIError) -> String {
        switch error.code {
        case "csrf_failed": "This form is out of date (you may have logged in or out in another tab). Go back, reload the page and try again."
        case "not_found" where error.message == APIError.notFound.message:
            "There is no page at this address. It may have moved, or the link may be mistyped."
        default: error.message
        }
    }

    private func htmlPage(_ apiError: APIError, _ request: Request, _ context: Context) -> Response {
        var values = PageValues.common(title: apiError.status.reasonPhrase + " — BookMySleep")
        values["status"] = apiError.status.code
        values["reason"] = apiError.status.reasonPhrase
        values["message"] = Self.pageMessage(apiError)
        values["isNotFound"] = apiError.status == .notFound
        values["requestID"] = context.requestID
        var response: Response
        do {
            var page = try pages.render("error", values)
            page.status = apiError.status
            response = page.response(from: request, context: context)
        } catch {
            // The error page itself failed (possible only with --assets): plain text still tells the truth.
            context.logger.error("error page failed", metadata: ["error": .string(String(describing: error))])
            let body = ByteBuffer(string: "\(apiError.status.code) \(apiError.status.reasonPhrase): \(apiError.message)\n")
            response = Response(status: apiError.status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: body))
        }
        response.headers.append(contentsOf: apiError.headers)
        return response
    }
}
