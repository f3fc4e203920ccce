import Hummingbird

extension FormState {
    /// What a form shows for a refused submission, from the same mapping the API uses
    /// (`APIError(mapping:)`), so the web pages and the API never disagree about a refusal: the named
    /// fields' problems next to the fields, and the message on top unless it only lists those fields.
    /// - Returns: the state and the status to answer with.
    /// - Throws: `error` itself when it is a fault on our side, for the designed 500 page.
    static func refusal(
        _ error: any Error, keeping values: [String: String], requestID: String
    ) throws -> (FormState, HTTPResponse.Status) {
        let mapped = APIError(mapping: error, requestID: requestID)
        guard mapped.status.kind == .clientError else { throw error }
        let fields = mapped.fields ?? [:]
        let message = mapped.status == .unprocessableContent && !fields.isEmpty ? nil : mapped.message
        return (FormState(values: values, errors: fields, message: message), mapped.status)
    }
}

extension FormState {
    /// As `refusal(_:keeping:requestID:)` for a form that checks its own inputs first (throwing
    /// `FieldProblems` under its own names) and whose field names differ from the service's: `rename`
    /// turns the service's problems into the form's.
    static func refusal(
        _ error: any Error, keeping values: [String: String], requestID: String, renaming rename: ([String: String]) -> [String: String]
    ) throws -> (FormState, HTTPResponse.Status) {
        if let problems = error as? FieldProblems {
            return (FormState(values: values, errors: problems.fields), .unprocessableContent)
        }
        var (state, status) = try refusal(error, keeping: values, requestID: requestID)
        state.errors = rename(state.errors)
        return (state, status)
    }
}

extension HTMLPage {
    /// This page as the answer with `status`: a refused form shown again says what the API would.
    func response(status: HTTPResponse.Status, _ request: Request, _ context: AppRequestContext) -> Response {
        var page = self
        page.status = status
        return page.response(from: request, context: context)
    }
}
