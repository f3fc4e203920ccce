import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Asks for a password on the terminal with echo off, so it is neither shown nor kept in the shell's
/// history the way a `--password` argument would be.
enum PasswordPrompt {
    /// Asks twice and returns the password when both answers match.
    /// - Throws: `CommandError` when standard input is not a terminal, or the answers differ or are empty.
    static func askTwice() throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandError("--password is required when standard input is not a terminal")
        }
        let first = try ask("Password: ")
        let second = try ask("Repeat the password: ")
        guard first == second else { throw CommandError("the two passwords differ") }
        guard !first.isEmpty else { throw CommandError("the password is empty") }
        return first
    }

    /// One line read with the terminal's echo switched off (and restored, even on failure).
    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { throw CommandError("cannot read the terminal's settings") }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else { throw CommandError("cannot switch the terminal's echo off") }
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw CommandError("no password given") }
        return line
    }
}
