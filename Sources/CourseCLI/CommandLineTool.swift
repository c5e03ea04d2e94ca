import Foundation

/// Runs a chapter command's body and turns its outcome into a process exit status, with one-line error messages.
///
/// Exit statuses: 0 on success, 2 for a `CLIError` (a mistake on the command line), 1 for any other error.
public enum CommandLineTool {
    /// Runs `body` and exits the process: 0 on success; otherwise prints the error line (see `errorLine`) to standard
    /// error and exits 2 for a `CLIError`, 1 for anything else. Never prints a stack trace.
    public static func run(name: String, _ body: () throws -> Void) -> Never {
        exit(exitStatus(name: name, body))
    }

    /// Runs `body` and returns the exit status `run` would use, sending any error line to `report`
    /// (standard error by default). Useful for tests and for callers that must clean up before exiting.
    public static func exitStatus(
        name: String, report: (String) -> Void = printError, _ body: () throws -> Void
    ) -> Int32 {
        do {
            try body()
            return 0
        } catch {
            report(errorLine(name: name, for: error))
            return error is CLIError ? 2 : 1
        }
    }

    /// The single line reported for `error`: `NAME: error: MESSAGE`, followed by ` (see NAME --help)` for a
    /// `CLIError`. The message is the error's `description`; any line breaks in it are replaced by spaces.
    public static func errorLine(name: String, for error: any Error) -> String {
        let message = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        let hint = error is CLIError ? " (see \(name) --help)" : ""
        return "\(name): error: \(message)\(hint)"
    }

    /// Writes `line` and a newline to standard error.
    public static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
