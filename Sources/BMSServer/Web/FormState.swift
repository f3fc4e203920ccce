/// What a form page shows after a refused submission: the user's input as they typed it, each field's
/// problem next to it, and a summary at the top. Passwords are never echoed.
struct FormState: Sendable {
    var values: [String: String] = [:]
    /// Field name → the domain's problem ("must be a valid e-mail address").
    var errors: [String: String] = [:]
    /// A problem that belongs to no one field ("The e-mail address or password is wrong.").
    var message: String?

    init(values: [String: String] = [:], errors: [String: String] = [:], message: String? = nil) {
        self.values = values
        self.errors = errors
        self.message = message
    }

    /// The user's input for `fields` from the posted form.
    init(echoing fields: [String], from form: FormFields) {
        for name in fields { values[name] = form[name] ?? "" }
    }

    var hasProblems: Bool { !errors.isEmpty || message != nil }

    /// `form.<name>`, `errors.<name>` (a sentence) and `formMessage` for the template.
    var templateValues: [String: Any] {
        var result: [String: Any] = ["form": values, "errors": errors.mapValues(Self.sentence)]
        if !errors.isEmpty { result["hasFieldErrors"] = true }
        if let message { result["formMessage"] = message }
        return result
    }

    /// "must be a valid e-mail address" → "Must be a valid e-mail address."
    static func sentence(_ problem: String) -> String {
        guard let first = problem.first else { return problem }
        let text = first.uppercased() + problem.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }
}
