import Foundation

/// Runs exercises each in its own child process (`exercises run-one ID`), so that a crash or an endless loop in one
/// exercise costs that exercise alone.
public struct IsolatedRunner: Sendable {
    /// The built `exercises` executable to spawn.
    public let executable: URL
    /// The time limit per exercise in seconds (> 0).
    public let timeout: Double
    /// Whether the children's standard output (the student's `print`s) is shown; otherwise discarded.
    public let showOutput: Bool

    /// A runner spawning `executable` with a `timeout` per exercise.
    public init(executable: URL, timeout: Double, showOutput: Bool) {
        self.executable = executable
        self.timeout = timeout
        self.showOutput = showOutput
    }

    /// The result of `exercise` (its checks of `visibility`, or all when nil), computed in a child process.
    ///
    /// The catalogue given here is the authority on names and points: the child's report must list the same checks
    /// in the same order, and a check's points never exceed its maximum. An exercise without checks is not run.
    /// A crash, a time-out or a child that reports nothing scores every check 0 with a message saying so.
    public func run(_ exercise: Exercise, visibility: Visibility?) throws(ExerciseToolError) -> ExerciseResult {
        let expected = exercise.checks.filter { visibility == nil || $0.visibility == visibility }
        guard !expected.isEmpty else { return ExerciseResult.zero(exercise, status: .writtenAnswer, message: "") }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("exercises-run-\(ProcessInfo.processInfo.processIdentifier)-\(exercise.id)")
        try? FileManager.default.removeItem(at: folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(path: folder.path, reason: "cannot create a temporary folder")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("result.json")
        let errors = folder.appendingPathComponent("stderr.txt")
        let arguments = ["run-one", exercise.id, "--output", report.path] + (visibility == .visible ? ["--visible-only"] : [])
        let ending = try ChildProcess.run(
            executable, arguments, environment: ["SWIFT_BACKTRACE": "enable=no"],
            output: showOutput ? .inherit : .discard, errorFile: errors, timeout: timeout)
        let zero = { (status: ExerciseStatus, message: String) in
            ExerciseResult.zero(exercise, status: status, message: message, visibility: visibility)
        }
        if ending.timedOut {
            return zero(.timedOut, "timed out: still running after \(Self.seconds(timeout)) s (an endless loop?), stopped")
        }
        let diagnosis = Self.diagnosis(ChildProcess.tail(of: errors))
        if ending.signalled {
            return zero(.crashed, "crashed (signal \(ending.status))" + (diagnosis.isEmpty ? "" : ": \(diagnosis)"))
        }
        guard ending.status == 0, let data = FileManager.default.contents(atPath: report.path),
              let reported = try? ExerciseResult.decode(data)
        else {
            return zero(.crashed, "stopped with exit status \(ending.status) without a result"
                        + (diagnosis.isEmpty ? "" : ": \(diagnosis)"))
        }
        return Self.reconcile(reported, with: expected, exercise: exercise) ?? zero(
            .crashed, "its report does not match the exercise's checks (was a check or the catalogue changed?)")
    }

    /// The child's report with names, maxima and visibility taken from `expected`, or nil if the checks differ.
    public static func reconcile(_ reported: ExerciseResult, with expected: [Check], exercise: Exercise) -> ExerciseResult? {
        guard reported.checks.count == expected.count,
              zip(reported.checks, expected).allSatisfy({ $0.name == $1.name })
        else { return nil }
        let checks = zip(reported.checks, expected).map { got, check in
            CheckResult(name: check.name, points: got.outcome == .passed ? check.points : 0, maximumPoints: check.points,
                        visibility: check.visibility.rawValue, outcome: got.outcome, message: got.message)
        }
        return ExerciseResult(id: exercise.id, title: exercise.title, status: ExerciseRunner.status(of: checks),
                              checks: checks)
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
