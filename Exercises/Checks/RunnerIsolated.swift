import Foundation

/// Runs each exercise against a harness in its own sandboxed process, so that a crash or an endless loop in one
/// exercise costs that exercise alone. The checks run here; the harness only computes the student's outputs.
public struct IsolatedRunner: Sendable {
    /// The harness: `exercise-harness` built with a submission, or `exercises serve` for `exercises check`.
    public let executable: URL
    public let arguments: [String]
    /// How the harness is confined.
    public let policy: SandboxPolicy
    /// The time limit per exercise in seconds (> 0).
    public let timeout: Double

    /// A runner starting `executable` with `arguments` under `policy`, with a `timeout` per exercise.
    public init(executable: URL, arguments: [String], policy: SandboxPolicy, timeout: Double) {
        self.executable = executable
        self.arguments = arguments
        self.policy = policy
        self.timeout = timeout
    }

    /// The result of `exercise` (its checks of `visibility`, or all when nil), and what the harness wrote on standard
    /// error (the student's `print`s among it), at most 16 kB.
    ///
    /// A harness that crashes, runs past the time limit or answers out of protocol scores every check 0 with a
    /// message saying so, whatever the checks made of it. An exercise without checks starts no harness.
    public func run(_ exercise: Exercise, visibility: Visibility?) throws(ExerciseToolError)
        -> (result: ExerciseResult, output: String)
    {
        let expected = exercise.checks.filter { visibility == nil || $0.visibility == visibility }
        guard !expected.isEmpty else { return (ExerciseResult.zero(exercise, status: .writtenAnswer, message: ""), "") }
        let process = try HarnessProcess(executable: executable, arguments: arguments, policy: policy, timeout: timeout)
        defer { process.removeFolder() }
        let result = Student.$connection.withValue(process) { ExerciseRunner.run(exercise, visibility: visibility) }
        let ending = process.exitBeforeStop
        process.stop()
        let output = process.standardErrorTail()
        let zero = { (status: ExerciseStatus, message: String) in
            (ExerciseResult.zero(exercise, status: status, message: message, visibility: visibility), output)
        }
        switch process.breakdown {
        case nil:
            return (result, output)
        case .timedOut:
            return zero(.timedOut, "timed out: still running after \(Self.seconds(timeout)) s (an endless loop?), stopped")
        case .protocolViolation(let what):
            return zero(.crashed, "the harness " + what)
        case .ended:
            let diagnosis = Self.diagnosis(output)
            let how = ending.map { $0.signalled ? "crashed (signal \($0.status))" : "stopped with exit status \($0.status)" }
                ?? "stopped"
            return zero(.crashed, how + (diagnosis.isEmpty ? "" : ": \(diagnosis)"))
        }
    }

    /// The line of a crash report that says why (Swift's "Fatal error: …", without the folder of the file it
    /// names), else the last non-empty line, at most 300 characters.
    public static func diagnosis(_ standardError: String) -> String {
        let lines = standardError.split(whereSeparator: \.isNewline).map(String.init)
        guard var line = lines.last(where: { $0.contains("Fatal error") }) ?? lines.last(where: { !$0.isEmpty })
        else { return "" }
        if let range = line.range(of: "Fatal error") {
            let prefix = line[..<range.lowerBound]
            let location = prefix.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            line = location + line[range.lowerBound...]
        }
        return String(line.prefix(300))
    }

    /// A number of seconds without a needless `.0`.
    public static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
