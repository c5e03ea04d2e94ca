import ExerciseChecks
import ExerciseHarness
import Testing

/// One check of the catalogue, named `ID · check name` in the test report.
struct CatalogueCheck: CustomTestStringConvertible, Sendable {
    let exercise: String
    let check: Check
    var testDescription: String { "\(exercise) · \(check.name)" }

    static var all: [CatalogueCheck] {
        ExerciseCatalogue.all.flatMap { exercise in exercise.checks.map { CatalogueCheck(exercise: exercise.id, check: $0) } }
    }
}

/// In the instructor's package every check passes against the reference solutions; in the student edition this is
/// the student's test run, failing with the check's message (or "not implemented yet") until the work is done. The
/// workspace is linked into the test, so the checks call it in this process.
@Test(arguments: CatalogueCheck.all)
func everyCheckPassesAgainstTheReference(_ entry: CatalogueCheck) {
    let result = Student.$connection.withValue(LinkedStudent()) { ExerciseRunner.run(entry.check) }
    #expect(result.outcome == .passed, "\(entry.testDescription): \(result.message)")
}

@Test func exerciseIdsAndCheckNamesAreUniqueAndPointsPositive() {
    let exercises = ExerciseCatalogue.all
    #expect(Set(exercises.map(\.id)).count == exercises.count)
    for exercise in exercises {
        #expect(Set(exercise.checks.map(\.name)).count == exercise.checks.count, "\(exercise.id) repeats a check name")
        #expect(exercise.checks.allSatisfy { $0.points > 0 }, "\(exercise.id) has a check without points")
        #expect(exercise.id.hasPrefix("11.1-") || exercise.id.hasPrefix("11.2-"), "\(exercise.id) is not 11.x-N")
    }
}
