import ArgumentParser
import Foundation

/// A failure the command explains in its own words.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// Runs a command's work so that any error ends it the same way: one line `bms: <what went wrong>` on
/// standard error and a non-zero exit code, never a stack trace.
/// - Parameters:
///   - exitCode: the exit code for an error (`bms check` uses 2, as 1 means "problems found").
///   - body: the command's work.
func reportingErrors<T>(exitCode: Int32 = 1, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let message = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: "; ")
        FileHandle.standardError.write(Data("bms: \(message)\n".utf8))
        throw ExitCode(exitCode)
    }
}
