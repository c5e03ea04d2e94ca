import Exercises

/// Runs an exercise's checks in this process, one after another, catching every error a check throws.
///
/// A check that returns earns its points; one that throws `ExerciseError.notImplemented` reports "not implemented
/// yet"; any other error (a `CheckFailure`, or an error the student's code threw) fails it with the error's
/// description. A crash or an endless loop cannot be caught here: `exercises check` and `grade` run each exercise in
/// its own process for that.
public enum ExerciseRunner {
    /// The results of `exercise`'s checks, in order: all of them, or only those with `visibility` when given.
    public static func run(_ exercise: Exercise, visibility: Visibility? = nil) -> ExerciseResult {
        let checks = exercise.checks.filter { visibility == nil || $0.visibility == visibility }
        let results = checks.map(run)
        return ExerciseResult(id: exercise.id, title: exercise.title, status: status(of: results), checks: results)
    }

    /// The result of one check.
    public static func run(_ check: Check) -> CheckResult {
        let outcome: CheckOutcome
        let message: String
        do {
            try check.body()
            (outcome, message) = (.passed, "")
        } catch let error as ExerciseError {
            (outcome, message) = (.notImplemented, oneLine(error.description))
        } catch {
            (outcome, message) = (.failed, oneLine(String(describing: error)))
        }
        return CheckResult(name: check.name, points: outcome == .passed ? check.points : 0,
                           maximumPoints: check.points, visibility: check.visibility.rawValue, outcome: outcome,
                           message: message)
    }

    /// Passed when every check passed, not implemented when every check reported a stub, written answer when there
    /// are no checks, failed otherwise.
    public static func status(of results: [CheckResult]) -> ExerciseStatus {
        if results.isEmpty { return .writtenAnswer }
        if results.allSatisfy({ $0.outcome == .passed }) { return .passed }
        if results.allSatisfy({ $0.outcome == .notImplemented }) { return .notImplemented }
        return .failed
    }

    /// The exercise with identifier `id` in `exercises`.
    /// - Throws: `ExerciseToolError.unknownExercise` naming the known identifiers.
    public static func exercise(_ id: String, in exercises: [Exercise]) throws(ExerciseToolError) -> Exercise {
        guard let exercise = exercises.first(where: { $0.id == id }) else {
            throw .unknownExercise(id, known: exercises.map(\.id))
        }
        return exercise
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
