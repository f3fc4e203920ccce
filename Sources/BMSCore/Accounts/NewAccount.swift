/// The validated fields of an account about to be created, by registration or by `bms admin create`.
struct NewAccount: Sendable {
    var firstName: String
    var lastName: String
    var email: EmailAddress
    var password: String
    var phoneNumber: String
    var role: Role

    /// Checks every field of `form`, naming each bad one in a single `AccountError.validation`.
    static func validate(_ form: RegistrationForm, allowedRoles: Set<Role>) throws(AccountError) -> NewAccount {
        var errors = FieldErrors()
        let firstName = errors.check("firstName", ProfileRules.name(form.firstName))
        let lastName = errors.check("lastName", ProfileRules.name(form.lastName))
        let email = errors.check("email", ProfileRules.email(form.email))
        let password = errors.check("password", ProfileRules.password(form.password, email: email))
        let phoneNumber = errors.check("phoneNumber", ProfileRules.phoneNumber(form.phoneNumber))
        let role = errors.check("role", ProfileRules.role(form.role, allowed: allowedRoles))
        guard let firstName, let lastName, let email, let password, let phoneNumber, let role else {
            throw .validation(errors.problems)
        }
        return NewAccount(
            firstName: firstName, lastName: lastName, email: email, password: password, phoneNumber: phoneNumber, role: role
        )
    }
}
