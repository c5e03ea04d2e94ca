import Testing

@testable import AttentionPooling

@Suite struct GoldenSectionTests {
    @Test func parabolaMinimumInsideTheBracket() {
        var evaluations = 0
        let found = goldenSectionMinimum(of: { x in evaluations += 1; return (x - 1) * (x - 1) }, in: 0...3,
                                         iterations: 40)
        #expect(abs(found - 1) < 1e-8)
        #expect(evaluations == 42)
    }

    @Test func minimumAtAnEndStaysNearThatEnd() {
        #expect(abs(goldenSectionMinimum(of: { $0 }, in: 2...5, iterations: 60) - 2) < 1e-9)
        #expect(abs(goldenSectionMinimum(of: { -$0 }, in: 2...5, iterations: 60) - 5) < 1e-9)
    }

    @Test func zeroIterationsGiveTheMidpoint() {
        #expect(goldenSectionMinimum(of: { $0 * $0 }, in: -1...3, iterations: 0) == 1)
    }

    @Test func anErrorOfTheFunctionIsPassedOn() {
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try goldenSectionMinimum(of: { (_: Double) throws(Refused) -> Double in throw Refused() }, in: 0...1,
                                     iterations: 5)
        }
    }
}
