import Foundation

/// The words a user is found by in the admin directory, in one folded form (lower-case, accents
/// removed) so that "jose" finds "José" and "ASHA" finds "Asha". A query term matches a user when it is
/// a prefix of one of these tokens.
enum SearchTokens {
    /// Longest token kept; longer words are cut, which still lets any prefix up to this length match.
    static let maximumLength = 64

    /// First name and last name word by word (and the letter-and-digit runs inside a word such as
    /// "O'Brien"), the whole e-mail address, and its local part.
    static func of(_ user: User) -> [String] {
        var tokens: [String] = []
        for word in words(of: user.firstName + " " + user.lastName) {
            tokens.append(word)
            tokens += word.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        tokens.append(user.email.value)
        tokens.append(user.email.localPart)
        return Array(Set(tokens.compactMap(clean)))
    }

    /// The terms of a search: its whitespace-separated words, folded the same way; at most five.
    static func terms(of query: String) -> [String] {
        Array(words(of: query).compactMap(clean).prefix(5))
    }

    private static func words(of text: String) -> [String] {
        TextFolding.fold(text).split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Drops control characters (a NUL would end the key early) and cuts to the maximum length.
    private static func clean(_ token: String) -> String? {
        let kept = String(String.UnicodeScalarView(token.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
        let cut = String(kept.prefix(maximumLength))
        return cut.isEmpty ? nil : cut
    }
}
