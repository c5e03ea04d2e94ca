import ExerciseChecks
import Exercises
import Foundation
import Testing

private struct StudentError: Error, CustomStringConvertible {
    var description: String { "the widths must be positive" }
}

private let fixture = Exercise(id: "11.2-9", title: "Fixture", checks: [
    Check("passes", points: 4) {},
    Check("fails with a message", points: 3) { try expect(1 + 1 == 3, "expected 3, got 2 for query 1") },
    Check("a stub", points: 2) { throw ExerciseError.notImplemented("parzenDecisions") },
    Check("any other error", points: 1, visibility: .hidden) { throw StudentError() },
])

@Test func runnerScoresEachCheckAndKeepsTheMessages() {
    let result = ExerciseRunner.run(fixture)
    #expect(result.checks.map(\.outcome) == [.passed, .failed, .notImplemented, .failed])
    #expect(result.checks.map(\.points) == [4, 0, 0, 0])
    #expect(result.checks.map(\.message) == [
        "", "expected 3, got 2 for query 1", "parzenDecisions is not implemented yet", "the widths must be positive",
    ])
    #expect(result.checks[3].visibility == "hidden")
    #expect(result.status == .failed)
    #expect(result.points == 4 && result.maximumPoints == 10)
}

@Test func runnerCanSkipHiddenChecks() {
    let result = ExerciseRunner.run(fixture, visibility: .visible)
    #expect(result.checks.map(\.name) == ["passes", "fails with a message", "a stub"])
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

@Test func resultJSONHasSortedKeysAndRoundTrips() throws {
    let result = ExerciseRunner.run(fixture)
    let json = try result.json()
    let text = String(decoding: json, as: UTF8.self)
    #expect(text.hasPrefix("{\"checks\":[{\"maximumPoints\":4,\"message\":\"\",\"name\":\"passes\""))
    #expect(try ExerciseResult.decode(json) == result)
    #expect(try result.json() == json)
}

@Test func reconcileTrustsTheCatalogueForPointsAndRejectsOtherChecks() throws {
    let reported = ExerciseResult(id: fixture.id, title: fixture.title, status: .passed, checks: fixture.checks.map {
        CheckResult(name: $0.name, points: 1000, maximumPoints: 1000, visibility: "visible", outcome: .passed, message: "")
    })
    let reconciled = try #require(IsolatedRunner.reconcile(reported, with: fixture.checks, exercise: fixture))
    #expect(reconciled.points == 10)
    #expect(reconciled.checks[3].visibility == "hidden")
    #expect(IsolatedRunner.reconcile(reported, with: Array(fixture.checks.dropLast()), exercise: fixture) == nil)
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
