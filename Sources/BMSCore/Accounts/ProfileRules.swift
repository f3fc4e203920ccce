import Foundation

/// Validation of the profile fields shared by registration, admin creation and profile updates. Each
/// function returns the cleaned value or the message for the field.
enum ProfileRules {
    /// 1…80 characters after trimming; no control characters (they break e-mails and logs).
    static func name(_ raw: String?) -> Result<String, FieldProblem> {
        guard let raw else { return .failure("is required") }
        let trimmed = raw.trimmedOfWhitespace
        guard !trimmed.isEmpty else { return .failure("is required") }
        guard trimmed.count <= 80 else { return .failure("must be at most 80 characters") }
        guard !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            return .failure("must not contain control characters")
        }
        return .success(trimmed)
    }

    /// 7…20 characters of digits, `+`, `-`, spaces and parentheses, with at least 7 digits.
    static func phoneNumber(_ raw: String?) -> Result<String, FieldProblem> {
        guard let raw else { return .failure("is required") }
        let trimmed = raw.trimmedOfWhitespace
        guard !trimmed.isEmpty else { return .failure("is required") }
        let allowed = Set("0123456789+-() ")
        guard (7...20).contains(trimmed.count), trimmed.allSatisfy(allowed.contains) else {
            return .failure("must be 7 to 20 characters of digits, +, -, spaces and parentheses")
        }
        guard trimmed.filter(\.isASCIIDigit).count >= 7 else { return .failure("must contain at least 7 digits") }
        return .success(trimmed)
    }

    static func email(_ raw: String?) -> Result<EmailAddress, FieldProblem> {
        guard let raw, !raw.trimmedOfWhitespace.isEmpty else { return .failure("is required") }
        guard let email = EmailAddress(raw) else { return .failure("must be a valid e-mail address") }
        return .success(email)
    }

    static func password(_ raw: String?, email: EmailAddress?) -> Result<String, FieldProblem> {
        guard let raw, !raw.isEmpty else { return .failure("is required") }
        if let problem = PasswordPolicy.problem(with: raw, email: email) { return .failure(FieldProblem(problem)) }
        return .success(raw)
    }

    /// A role from its name, among `allowed`.
    static func role(_ raw: String?, allowed: Set<Role>) -> Result<Role, FieldProblem> {
        guard let raw else { return .failure("is required") }
        let names = Role.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: " or ")
        guard let role = Role(rawValue: raw.trimmedOfSpaces.lowercased()), allowed.contains(role) else {
            return .failure(FieldProblem("must be \(names)"))
        }
        return .success(role)
    }
}

/// The message for one bad field.
struct FieldProblem: Error, ExpressibleByStringLiteral {
    let message: String
    init(_ message: String) { self.message = message }
    init(stringLiteral value: String) { message = value }
}

/// Collects the problems of a whole form, so one answer names every bad field.
struct FieldErrors {
    private(set) var problems: [String: String] = [:]

    /// The value of `result`, or nil after noting its problem under `field`.
    mutating func check<T>(_ field: String, _ result: Result<T, FieldProblem>) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let problem):
            problems[field] = problem.message
            return nil
        }
    }

    /// Notes a problem found outside the field rules.
    mutating func note(_ field: String, _ message: String) { problems[field] = message }
}
