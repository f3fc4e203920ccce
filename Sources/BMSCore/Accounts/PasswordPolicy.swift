/// What a password must be: long enough, not of one kind of character only, not the e-mail, and short
/// enough for bcrypt (which ignores everything past 72 bytes, so a longer password would only seem
/// stronger than it is).
enum PasswordPolicy {
    static let minimumLength = 10
    static let maximumUTF8Length = 72
    /// Local parts shorter than this are too common as substrings to refuse passwords containing them.
    static let minimumLocalPartToCheck = 4

    /// Why `password` is refused for the account `email` (when known), or nil when it is acceptable.
    static func problem(with password: String, email: EmailAddress?) -> String? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters" }
        if password.utf8.count > maximumUTF8Length { return "must be at most \(maximumUTF8Length) bytes" }
        if Set(password.map(CharacterClass.init)).count < 2 {
            return "must mix at least two kinds of characters (letters, digits, symbols)"
        }
        if let email {
            let folded = password.lowercased()
            let local = email.localPart
            if folded.contains(email.value) || folded == local
                || (local.count >= minimumLocalPartToCheck && folded.contains(local))
            {
                return "must not contain your e-mail address"
            }
        }
        return nil
    }

    private enum CharacterClass {
        case letter, digit, other

        init(_ character: Character) {
            if character.isLetter {
                self = .letter
            } else if character.isNumber {
                self = .digit
            } else {
                self = .other
            }
        }
    }
}
