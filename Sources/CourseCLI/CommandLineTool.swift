import CourseSite
import Foundation

/// Runs a chapter command's body and turns its outcome into a process exit status, with one-line error messages.
///
/// Exit statuses: 0 on success, 2 for a `CLIError` (a mistake on the command line), 1 for any other error.
public enum CommandLineTool {
    /// Runs `body` and exits the process: 0 on success; otherwise prints the error line (see `errorLine`) to standard
    /// error and exits 2 for a `CLIError`, 1 for anything else. Never prints a stack trace. A broken pipe on standard
    /// output is an error like any other write failure (SIGPIPE is ignored).
    public static func run(name: String, _ body: () throws -> Void) -> Never {
        signal(SIGPIPE, SIG_IGN)
        exit(exitStatus(name: name, body))
    }

    /// Runs `body` and returns the exit status `run` would use, sending any error line to `report`
    /// (standard error by default). After a successful `body`, standard output is flushed: if anything written to
    /// it was lost (a full disk, a closed pipe), that is reported and the status is 1.
    public static func exitStatus(
        name: String, report: (String) -> Void = printError, _ body: () throws -> Void
    ) -> Int32 {
        do {
            try body()
        } catch {
            report(errorLine(name: name, for: error))
            return error is CLIError ? 2 : 1
        }
        if let failure = standardOutputFailure() {
            report("\(name): error: standard output: cannot write (\(failure))")
            return 1
        }
        return 0
    }

    /// The single line reported for `error`: `NAME: error: MESSAGE`, followed by ` (see NAME --help)` for a
    /// `CLIError`. The message is the error's `description` with control characters escaped (a line break in a
    /// path shows as `\n`), so it stays one line and cannot drive the terminal.
    public static func errorLine(name: String, for error: any Error) -> String {
        let message = ControlCharacters.escaped(String(describing: error))
        let hint = error is CLIError ? " (see \(name) --help)" : ""
        return "\(name): error: \(message)\(hint)"
    }

    /// Writes `line` and a newline to standard error. A failure (standard error closed or full) is ignored: there is
    /// nowhere left to report it, and the exit status still tells.
    public static func printError(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Why standard output lost data, after flushing it; nil when everything written reached it.
    static func standardOutputFailure() -> String? {
        guard let standardOutput = cStandardOutput() else { return nil }
        errno = 0
        let flushFailed = fflush(standardOutput) != 0
        guard flushFailed || ferror(standardOutput) != 0 else { return nil }
        return errno == 0 ? "a write failed" : String(cString: strerror(errno))
    }

    /// The C library's standard output stream, which `print` writes to. Looked up by symbol: Swift 6 refuses to
    /// read the C global `stdout` directly (it is mutable shared state).
    private static func cStandardOutput() -> UnsafeMutablePointer<FILE>? {
        #if canImport(Darwin)
        let name = "__stdoutp"
        #else
        let name = "stdout"
        #endif
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
    }
}
