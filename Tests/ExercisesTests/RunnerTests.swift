import ExerciseChecks
import ExerciseWire
import Foundation
import Testing

/// A stand-in student answering from a table, as the harness would.
private final class TableStudent: StudentConnection {
    func call(_ function: String, _ arguments: [WireValue]) throws -> Result<WireValue, ThrownError> {
        switch function {
        case "stub": .failure(ThrownError(kind: .notImplemented, type: "ExerciseError", message: "stub is not implemented yet"))
        case "refuse": .failure(ThrownError(kind: .thrown, type: "StudentError", message: "the widths must be positive"))
        case "broken": throw HarnessFailure("the harness ended")
        default: .success(.integer(2))
        }
    }
}

private let fixture = Exercise(id: "11.2-9", title: "Fixture", checks: [
    Check("passes", points: 4) {},
    Check("fails with a message", points: 3) {
        let got = try callStudent("add", []).int()
        try expect(got == 3, "expected 3, got \(got) for query 1")
    },
    Check("a stub", points: 2) { _ = try callStudent("stub", []) },
    Check("any other error", points: 1, visibility: .hidden) { _ = try callStudent("refuse", []) },
])

private func run(_ exercise: Exercise, visibility: Visibility? = nil) -> ExerciseResult {
    Student.$connection.withValue(TableStudent()) { ExerciseRunner.run(exercise, visibility: visibility) }
}

@Test func runnerScoresEachCheckAndKeepsTheMessages() {
    let result = run(fixture)
    #expect(result.checks.map(\.outcome) == [.passed, .failed, .notImplemented, .failed])
    #expect(result.checks.map(\.points) == [4, 0, 0, 0])
    #expect(result.checks.map(\.message) == [
        "", "expected 3, got 2 for query 1", "stub is not implemented yet", "refuse threw: the widths must be positive",
    ])
    #expect(result.checks[3].visibility == "hidden")
    #expect(result.status == .failed)
    #expect(result.points == 4 && result.maximumPoints == 10)
}

@Test func runnerCanSkipHiddenChecks() {
    #expect(run(fixture, visibility: .visible).checks.map(\.name) == ["passes", "fails with a message", "a stub"])
}

@Test func aRefusalCountsOnlyWhenTheStudentsFunctionThrew() {
    let checks = Exercise(id: "11.2-9", title: "Refusals", checks: [
        Check("refused", points: 1) { try expectRefusal("refuse") { try callStudent("refuse", []) } },
        Check("returned", points: 1) { try expectRefusal("add") { try callStudent("add", []) } },
        Check("a stub is no refusal", points: 1) { try expectRefusal("stub") { try callStudent("stub", []) } },
        Check("a broken harness is no refusal", points: 1) { try expectRefusal("broken") { try callStudent("broken", []) } },
    ])
    #expect(run(checks).checks.map(\.outcome) == [.passed, .failed, .notImplemented, .failed])
}

@Test func withoutAStudentEveryCallFails() {
    let result = ExerciseRunner.run(fixture)
    #expect(result.points == 4)  // only the check that calls nothing
}

@Test func statusIsNotImplementedOnlyWhenEveryCheckHitsAStub() {
    let stub = CheckResult(name: "a", points: 0, maximumPoints: 1, visibility: "visible", outcome: .notImplemented,
                           message: "f is not implemented yet")
    let pass = CheckResult(name: "b", points: 1, maximumPoints: 1, visibility: "visible", outcome: .passed, message: "")
    #expect(ExerciseRunner.status(of: [stub, stub]) == .notImplemented)
    #expect(ExerciseRunner.status(of: [stub, pass]) == .failed)
    #expect(ExerciseRunner.status(of: [pass]) == .passed)
    #expect(ExerciseRunner.status(of: []) == .writtenAnswer)
}

@Test func crashDiagnosisIsTheFatalErrorLineWithoutFolders() {
    let log = "noise\n/tmp/exercises-grade-1/Exercises/Workspace/Exercise11_2_1.swift:12: Fatal error: Index out of range\n"
        + "💣 Program crashed: Illegal instruction\n"
    #expect(IsolatedRunner.diagnosis(log) == "Exercise11_2_1.swift:12: Fatal error: Index out of range")
    #expect(IsolatedRunner.diagnosis("Fatal error: Unexpectedly found nil\n") == "Fatal error: Unexpectedly found nil")
    #expect(IsolatedRunner.diagnosis("\nlast words\n\n") == "last words")
    #expect(IsolatedRunner.diagnosis("") == "")
}

@Test func zeroResultScoresEveryCheckNothingWithTheMessage() {
    let zero = ExerciseResult.zero(fixture, status: .timedOut, message: "timed out")
    #expect(zero.points == 0 && zero.maximumPoints == 10)
    #expect(zero.checks.allSatisfy { $0.outcome == .failed && $0.message == "timed out" })
    #expect(zero.status == .timedOut)
    let written = ExerciseResult.zero(Exercise(id: "11.1-4", title: "SE", checks: []), status: .crashed, message: "x")
    #expect(written.status == .writtenAnswer && written.message.isEmpty)
}
