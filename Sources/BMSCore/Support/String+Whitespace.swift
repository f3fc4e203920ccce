/// Text checks that run on every booking request, search query and account form, written against the
/// Unicode properties the standard library carries rather than Foundation's `CharacterSet`, which on Linux
/// goes through `NSString` (half of a booking request's validation time, measured under W1). Compared with Foundation's
/// sets over every scalar: white space and spaces agree everywhere; control characters agree except in
/// plane 14, where Linux Foundation's table also marks code points Unicode does not class Cc or Cf
/// (U+E0101, U+E0120–E017F and the same offsets in every later block of 256, mostly unassigned); these
/// follow Unicode.
extension String {
    /// Without leading and trailing white space (`Unicode.Scalar.isWhitespace`).
    var trimmedOfWhitespace: String { trimmed(while: \.isWhitespace) }

    /// Without leading and trailing spaces and tabs (`Unicode.Scalar.isSpace`); line breaks stay.
    var trimmedOfSpaces: String { trimmed(while: \.isSpace) }

    private func trimmed(while isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }), let last = scalars.lastIndex(where: { !isTrimmed($0) }) else {
            return ""
        }
        return String(Substring(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// White space as Foundation's `.whitespacesAndNewlines` has it: Unicode's White_Space (spaces of every
    /// width, tabs, line and paragraph breaks) and the zero width space.
    var isWhitespace: Bool { properties.isWhitespace || self == "\u{200B}" }

    /// A space of any width or a tab, not a line break: Foundation's `.whitespaces` (category Zs, tab and,
    /// as in `isWhitespace`, the zero width space).
    var isSpace: Bool { self == "\t" || self == "\u{200B}" || properties.generalCategory == .spaceSeparator }

    /// A control or format character (general categories Cc and Cf): Foundation's `.controlCharacters`.
    var isControlOrFormat: Bool {
        let category = properties.generalCategory
        return category == .control || category == .format
    }
}
