
/// Runs an exercise's checks in this process, one after another, catching every error a check throws.
///
/// The checks call the student's functions through `Student.connection`. A check that returns earns its points; one
/// whose student function is still a stub reports "not implemented yet"; any other error (a `CheckFailure`, an error
/// the student's function threw, a harness that broke down) fails it with the error's description.
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
        } catch let error as StudentError where error.isNotImplemented {
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

    /// One line of at most `Feedback.testOutputLimit` characters without control characters.
    private static func oneLine(_ text: String) -> String {
        Feedback.clean(text.split(whereSeparator: \.isNewline).joined(separator: " "), limit: Feedback.testOutputLimit)
    }
}
