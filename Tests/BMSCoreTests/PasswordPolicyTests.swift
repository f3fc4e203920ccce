import BMSCore
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test(
        "refused passwords name the password field",
        arguments: [
            "short1!",  // under 10 characters
            "abcdefghijKL",  // letters only
            "12345678901",  // digits only
            "!@#$%^&*()_+",  // symbols only
            "asha.rao@example.com",  // the e-mail itself
            "my asha.rao password",  // contains the local part
            String(repeating: "ab1", count: 25),  // past bcrypt's 72 bytes
        ])
    func refuses(password: String) async throws {
        let fixture = try AccountsFixture()
        let error = await accountError {
            _ = try await fixture.accounts.register(AccountsFixture.form(email: "asha.rao@example.com", password: password))
        }
        #expect(fields(error) == ["password"])
    }

    @Test("acceptable passwords", arguments: ["correct horse 42", "letters and spaces", "Tr0ub4dor&3x", "ashaism1234"])
    func accepts(password: String) async throws {
        let fixture = try AccountsFixture()
        // "ashaism1234" contains "asha", but the local part here is "ab", too short to be refused inside.
        let session = try await fixture.accounts.register(AccountsFixture.form(email: "ab@example.com", password: password))
        _ = try await fixture.accounts.login(email: "ab@example.com", password: password, clientAddress: "10.0.0.1")
        #expect(session.user.email.value == "ab@example.com")
    }
}
