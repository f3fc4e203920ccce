import Hummingbird

/// The fields of an HTML form as the browser posts it (`application/x-www-form-urlencoded`), decoded
/// the way `FormQuery` decodes a query string. A repeated name (checkboxes) keeps every value.
struct FormFields: Sendable {
    let items: [(name: String, value: String)]

    init(_ encoded: String) { items = FormQuery.items(encoded) }

    /// The first value of `name`, or nil when the form has none.
    subscript(name: String) -> String? { items.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    /// The value of `name` trimmed, nil when absent or blank: what a text input means.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name` exactly as typed, nil when absent or empty: what a password input means
    /// (spaces are part of a password).
    func secret(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }

    /// Reads the posted form (up to the request's body limit).
    static func read(_ request: Request, _ context: AppRequestContext) async throws -> FormFields {
        guard isForm(request) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "This page accepts its own form only.")
        }
        var request = request
        return FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
    }

    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
    }
}
