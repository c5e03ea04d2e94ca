import ExerciseHarness
import ExerciseWire
import Testing

// The harness calling the reference solutions (so in this folder, which the student edition leaves out).

@Test func theHarnessCallsTheWorkspaceAndReportsErrorsAsData() {
    #expect(Harness.call("logLogSlope", [WireValue([1.0, 10]), WireValue([1.0, 100])]) == .success(.number(2)))
    guard case .failure(let zero) = Harness.call("unitVectors", [WireValue([[1.0, 0], [0, 0]])]) else {
        Issue.record("a zero vector must be refused")
        return
    }
    #expect(zero.kind == .thrown && zero.type == "KernelExerciseError" && zero.zeroVectorIndex == 1)
    guard case .failure(let unknown) = Harness.call("readSecrets", []),
          case .failure(let malformed) = Harness.call("logLogSlope", [.string("1")]) else {
        Issue.record("an unknown function and bad arguments must be refused")
        return
    }
    #expect(unknown.kind == .badRequest && malformed.kind == .badRequest)
    #expect(Harness.functionNames.count == 30)
}
