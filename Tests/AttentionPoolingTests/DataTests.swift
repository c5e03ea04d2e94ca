import Foundation
import Testing

@testable import AttentionPooling

@Suite struct SeededGeneratorTests {
    // Pinned against an independent Python implementation of SplitMix64 + xoshiro256** and the polar method.
    @Test func firstDrawsArePinned() {
        var raw = SeededGenerator(seed: 0)
        #expect([raw.next(), raw.next(), raw.next()] == [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0])
        var uniform = SeededGenerator(seed: 42)
        #expect([uniform.uniform(), uniform.uniform(), uniform.uniform()]
            == [0.08386297105988216, 0.3789802506626686, 0.6800434110281394])
        var normal = SeededGenerator(seed: 42)
        let normals = (0..<4).map { _ in normal.standardNormal() }
        let expected = [-0.7262191382447857, -0.21119691823195985, 0.2216227015035933, 0.5227716877560146]
        for (a, b) in zip(normals, expected) { #expect(abs(a - b) <= 2 * b.ulp) }
    }

    @Test func uniformsStayInTheHalfOpenUnitInterval() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<100_000 { #expect((0..<1).contains(generator.uniform())) }
    }

    @Test func normalsHaveMeanZeroAndVarianceOne() {
        var generator = SeededGenerator(seed: 2)
        let n = 200_000
        let draws = (0..<n).map { _ in generator.standardNormal() }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance; allow about 4 of them.
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.013)
        let withinOne = Double(draws.filter { abs($0) < 1 }.count) / Double(n)
        #expect(abs(withinOne - 0.6827) < 0.005)
    }

    @Test func portableLogarithmIsWithinFourUnitsInTheLastPlaceOfLibm() {
        var generator = SeededGenerator(seed: 5)
        var worst = 0.0
        for _ in 0..<200_000 {
            let x = generator.uniform() + 0x1p-60
            let ours = PortableLogarithm.log(x)
            let theirs = Foundation.log(x)
            worst = max(worst, abs(ours - theirs) / theirs.ulp)
        }
        for x in [1.0, 2, 0.5, 1e-300, Double.leastNonzeroMagnitude, 1.4142135623730951, 1e300] {
            worst = max(worst, abs(PortableLogarithm.log(x) - Foundation.log(x)) / max(Foundation.log(x).ulp, 0x1p-1074))
        }
        #expect(worst <= 4)
        #expect(PortableLogarithm.log(1) == 0)
        #expect(PortableLogarithm.log(0) == -.infinity)
        #expect(PortableLogarithm.log(-1).isNaN)
        #expect(PortableLogarithm.log(.infinity) == .infinity)
    }
}

@Suite struct SineRegressionTests {
    @Test func trainingInputsAreSortedInZeroToFive() {
        let data = SineRegression.generate(samples: 40, seed: 11)
        #expect(data.trainingInputs.count == 40)
        #expect(data.trainingTargets.count == 40)
        #expect(data.trainingInputs == data.trainingInputs.sorted())
        #expect(data.trainingInputs.allSatisfy { (0..<5).contains($0) })
    }

    @Test func validationIsZeroToFourPointNineWithTheTruth() throws {
        let data = SineRegression.generate(seed: 0)
        #expect(data.validationInputs.count == 50)
        #expect(data.validationInputs.first == 0)
        #expect(data.validationInputs[3] == 0.3)
        #expect(data.validationInputs.last == 4.9)
        let truth = try #require(data.validationTruth)
        for (x, y) in zip(data.validationInputs, truth) { #expect(y == 2 * sin(x) + x) }
    }

    @Test func sameSeedSameDataDifferentSeedDifferentData() {
        #expect(SineRegression.generate(seed: 9) == SineRegression.generate(seed: 9))
        #expect(SineRegression.generate(seed: 9) != SineRegression.generate(seed: 10))
    }

    @Test func firstPairsArePinned() {
        // From the same Python reimplementation (numpy's sin).
        let data = SineRegression.generate(samples: 40, seed: 0)
        let inputs = [0.28899178, 0.33615946, 0.51509995]
        let targets = [1.16212579, 1.55681295, 2.01242681]
        for i in 0..<3 {
            #expect(abs(data.trainingInputs[i] - inputs[i]) < 1e-8)
            #expect(abs(data.trainingTargets[i] - targets[i]) < 1e-8)
        }
    }

    @Test func meanSquaredErrorSkipsAndCountsUndefinedEstimates() {
        let (mean, undefined) = meanSquaredError(estimates: [1, nil, 3], truth: [0, 100, 1])
        #expect(mean == 2.5)
        #expect(undefined == 1)
        #expect(meanSquaredError(estimates: [nil], truth: [1]).mean == nil)
    }

    @Test func userDataIsSortedByInputKeepingPairsTogether() {
        let data = RegressionData(trainingInputs: [3, 1, 2], trainingTargets: [30, 10, 20],
                                  validationInputs: [1.5], validationTruth: nil)
        #expect(data.trainingInputs == [1, 2, 3])
        #expect(data.trainingTargets == [10, 20, 30])
    }
}

@Suite struct LargeDataTests {
    @Test func thinningKeepsEvenlySpreadPairsAndTheQueries() {
        let data = SineRegression.generate(samples: 1000, seed: 1)
        let thin = data.thinned(toAtMost: 300)
        #expect(thin.trainingInputs.count == 250)  // every 4th pair
        #expect(thin.trainingInputs[1] == data.trainingInputs[4])
        #expect(thin.trainingTargets[1] == data.trainingTargets[4])
        #expect(thin.validationInputs == data.validationInputs)
        #expect(data.thinned(toAtMost: 1000) == data)
    }

    @Test func keyGroupsCoverEveryPairInOrder() {
        let data = SineRegression.generate(samples: 1003, seed: 1)
        let groups = data.keyGroups(atMost: 200)
        #expect(groups.count == 200)
        #expect(groups.first?.lowerBound == 0 && groups.last?.upperBound == 1003)
        #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(Set(groups.map(\.count)).isSubset(of: [5, 6]))
        #expect(SineRegression.generate(samples: 40, seed: 1).keyGroups(atMost: 200) == (0..<40).map { $0..<($0 + 1) })
    }
}
