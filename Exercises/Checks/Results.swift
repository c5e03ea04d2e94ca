import Foundation

/// How one check ended.
public enum CheckOutcome: String, Codable, Sendable {
    /// The check's body returned: full points.
    case passed
    /// The body threw (a `CheckFailure` or any other error): no points, with the error's message.
    case failed
    /// The body threw `ExerciseError.notImplemented`: the student has not written the function yet. No points.
    case notImplemented
}

/// The result of one check: its name, points earned out of its maximum, who sees it, and why points were lost.
public struct CheckResult: Codable, Equatable, Sendable {
    public let name: String
    public let points: Double
    public let maximumPoints: Double
    public let visibility: String
    public let outcome: CheckOutcome
    /// Empty when the check passed; otherwise one line for the student (expected vs got, or what is not implemented).
    public let message: String

    /// A result; `visibility` is `Visibility.rawValue` (`visible` or `hidden`).
    public init(name: String, points: Double, maximumPoints: Double, visibility: String, outcome: CheckOutcome,
                message: String) {
        self.name = name
        self.points = points
        self.maximumPoints = maximumPoints
        self.visibility = visibility
        self.outcome = outcome
        self.message = message
    }
}

/// How an exercise as a whole ended, as the tables show it.
public enum ExerciseStatus: String, Codable, Sendable {
    /// Every check passed.
    case passed
    /// At least one check failed (or some of its functions are still stubs while others are written).
    case failed
    /// Every check reported a function that is not implemented yet.
    case notImplemented
    /// A written answer only: no checks, not graded automatically.
    case writtenAnswer
    /// The exercise's process stopped on a signal (an index out of range, a force unwrap of nil, …).
    case crashed
    /// The exercise's process did not finish within the time limit and was stopped.
    case timedOut
    /// The submission did not compile, so nothing ran; or the exercise's own file did not, and the course's stub
    /// was built in its place.
    case compileError
    /// The exercise's file was not in the upload.
    case missing

    /// The words the tables print: "passed", "not implemented yet", "timed out", …
    public var label: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .notImplemented: "not implemented yet"
        case .writtenAnswer: "written answer (not auto-graded)"
        case .crashed: "crashed"
        case .timedOut: "timed out"
        case .compileError: "does not compile"
        case .missing: "file missing"
        }
    }
}

/// The result of one exercise: its checks' results in catalogue order, its status and, for a crash, time-out or
/// compile error, the message explaining why every check scored 0.
public struct ExerciseResult: Codable, Equatable, Sendable {
    public let id: String
    public let title: String
    public let status: ExerciseStatus
    public let checks: [CheckResult]
    /// Empty unless the exercise as a whole failed to run (crash, time-out, compile error).
    public let message: String

    /// A result with the given parts.
    public init(id: String, title: String, status: ExerciseStatus, checks: [CheckResult], message: String = "") {
        self.id = id
        self.title = title
        self.status = status
        self.checks = checks
        self.message = message
    }

    /// The points earned over all checks.
    public var points: Double { checks.map(\.points).reduce(0, +) }
    /// The most points the checks give.
    public var maximumPoints: Double { checks.map(\.maximumPoints).reduce(0, +) }

    /// Every check of `exercise` (those in `visibility`, or all when nil) scored 0 with `message`: what a crash, a
    /// time-out or a compile error gives.
    public static func zero(_ exercise: Exercise, status: ExerciseStatus, message: String,
                            visibility: Visibility? = nil) -> ExerciseResult {
        let checks = exercise.checks.filter { visibility == nil || $0.visibility == visibility }.map { check in
            CheckResult(name: check.name, points: 0, maximumPoints: check.points, visibility: check.visibility.rawValue,
                        outcome: .failed, message: message)
        }
        return ExerciseResult(id: exercise.id, title: exercise.title, status: checks.isEmpty ? .writtenAnswer : status,
                              checks: checks, message: checks.isEmpty ? "" : message)
    }
}
