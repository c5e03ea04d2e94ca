import Foundation
import Testing

@testable import AttentionPooling

private let chapter = SineRegression.generate(samples: 40, seed: 0)

/// The book's initial w: a uniform draw on [0, 1), here the first draw of `SeededGenerator(seed: 0)`.
private let bookInitialW: Double = {
    var generator = SeededGenerator(seed: 0)
    return generator.uniform()
}()

/// The largest relative difference between `gradient` and central differences of `loss` with steps 10⁻⁵ · w_j.
private func finiteDifferenceError(_ objective: WidthObjective, w: [Double]) throws -> Double {
    let gradient = try objective.lossAndGradient(w: w).gradient
    var worst = 0.0
    for j in w.indices {
        let step = 1e-5 * w[j]
        var (up, down) = (w, w)
        up[j] += step
        down[j] -= step
        let estimate = (try objective.loss(w: up) - objective.loss(w: down)) / (2 * step)
        worst = max(worst, abs(estimate - gradient[j]) / max(abs(gradient[j]), abs(estimate)))
    }
    return worst
}

/// Random 2-D regression data: y = sin(2 x₁) + 0.3 x₂ + noise, so the two coordinates want different widths.
private func planeData(seed: UInt64, count: Int) -> (keys: [[Double]], values: [Double]) {
    var generator = SeededGenerator(seed: seed)
    let keys = (0..<count).map { _ in [3 * generator.uniform(), 3 * generator.uniform()] }
    let values = keys.map { sin(2 * $0[0]) + 0.3 * $0[1] + 0.2 * generator.standardNormal() }
    return (keys, values)
}

@Suite struct WidthLearningTests {
    @Test(arguments: [false, true], [0.05, 0.6, 1.2, 4, 12])
    func scalarGradientMatchesCentralDifferences(leaveOneOut: Bool, w: Double) throws {
        let objective = try WidthObjective(
            keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: leaveOneOut)
        #expect(try finiteDifferenceError(objective, w: [w]) < 1e-6)
    }

    @Test(arguments: [[0.3, 0.3], [0.7, 2.5], [4, 0.2], [1.1]])
    func perCoordinateGradientMatchesCentralDifferences(w: [Double]) throws {
        let data = planeData(seed: 11, count: 30)
        for leaveOneOut in [false, true] {
            let objective = try WidthObjective(keys: data.keys, values: data.values, leaveOneOut: leaveOneOut)
            #expect(try finiteDifferenceError(objective, w: w) < 1e-6)
        }
    }

    @Test func estimatesAgreeWithNadarayaWatsonAtSigmaOneOverW() throws {
        for leaveOneOut in [false, true] {
            let objective = try WidthObjective(
                keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: leaveOneOut)
            let pooled = try NadarayaWatson(kernel: .gaussian, width: .scalar(1 / 2.5)).pool(
                queries: chapter.trainingInputs, keys: chapter.trainingInputs, values: chapter.trainingTargets,
                leaveOneOut: leaveOneOut)
            for (ours, theirs) in zip(try objective.estimates(w: [2.5]), pooled.estimates) {
                #expect(abs(ours - (try #require(theirs))) < 1e-12)
            }
        }
    }

    @Test func leaveOneOutNeverSeesItsOwnLabel() throws {
        let n = 17
        var perturbed = chapter.trainingTargets
        perturbed[n] += 100
        let before = try WidthObjective(
            keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: true)
        let after = try WidthObjective(keys: chapter.trainingInputs, values: perturbed, leaveOneOut: true)
        for w in [0.5, 1.5, 4] {
            let (old, new) = (try before.estimates(w: [w]), try after.estimates(w: [w]))
            #expect(old[n] == new[n])
            #expect(new[n + 1] > old[n + 1])  // a neighbour does see the change
        }
        let withSelf = try WidthObjective(keys: chapter.trainingInputs, values: perturbed, leaveOneOut: false)
        #expect(try withSelf.estimates(w: [1.5])[n] > before.estimates(w: [1.5])[n] + 1)
    }

    @Test func allKeysWidthGrowsAndLossFallsEveryEpoch() throws {
        let run = try WidthObjective(keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: false)
            .train(from: [bookInitialW], settings: WidthTraining(epochs: 50))
        #expect(run.records.count == 51)
        #expect(run.stop == .epochLimit)
        for (earlier, later) in zip(run.records, run.records.dropFirst()) {
            #expect(later.w[0] > earlier.w[0])
            #expect(later.loss < earlier.loss)
        }
        // No finite optimum: far past the leave-one-out optimum and nowhere near a stationary point.
        #expect(run.final.w[0] > 10)
        #expect(run.final.relativeGradient > 1e-2)
    }

    @Test func leaveOneOutConvergesToAFiniteWidth() throws {
        for stepSpace in [WidthStepSpace.width, .logWidth] {
            let objective = try WidthObjective(
                keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: true)
            let run = try objective.train(
                from: [bookInitialW], settings: WidthTraining(epochs: 1000, stepSpace: stepSpace, tolerance: 1e-8))
            #expect(run.stop == .converged)
            #expect(run.final.relativeGradient <= 1e-8)
            #expect(run.final.w[0].isFinite && run.final.w[0] > 0)
            #expect(run.records.allSatisfy { $0.loss.isFinite && $0.w.allSatisfy(\.isFinite) })
        }
    }

    @Test func bookPlainStepOscillatesAndTheLineSearchRepairsIt() throws {
        let objective = try WidthObjective(
            keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: true)
        let plain = try objective.train(from: [bookInitialW], settings: WidthTraining(epochs: 20, lineSearch: false))
        let rises = zip(plain.records, plain.records.dropFirst()).filter { $1.loss > $0.loss }.count
        #expect(rises >= 5)
        #expect(plain.records.allSatisfy { $0.halvings == 0 })
        let safe = try objective.train(from: [bookInitialW], settings: WidthTraining(epochs: 5))
        #expect(safe.records.contains { $0.halvings > 0 })
        for (earlier, later) in zip(safe.records, safe.records.dropFirst()) { #expect(later.loss < earlier.loss) }
    }

    // Seeds whose interior minimiser lies in the basin of the book's w₀ (the loss is not convex: see the next test).
    @Test(arguments: [1, 3, 5] as [UInt64])
    func leaveOneOutOptimumMatchesAGridSearch(seed: UInt64) throws {
        let data = SineRegression.generate(samples: 15, seed: seed)
        let objective = try WidthObjective(keys: data.trainingInputs, values: data.trainingTargets, leaveOneOut: true)
        let search = try objective.gridSearch(lower: 0.05, upper: 50, count: 400)
        #expect(search.refined > 0.05 && search.refined < 50)
        let run = try objective.train(
            from: [bookInitialW], settings: WidthTraining(epochs: 2000, stepSpace: .logWidth, tolerance: 1e-8))
        #expect(run.stop == .converged)
        #expect(abs(run.final.w[0] / search.refined - 1) < 0.01)
        #expect(abs(search.bestOnGrid / search.refined - 1) < 0.02)
    }

    @Test func leaveOneOutLossFlattensAtBothEnds() throws {
        let (x, y) = (chapter.trainingInputs, chapter.trainingTargets)
        let objective = try WidthObjective(keys: x, values: y, leaveOneOut: true)
        let n = Double(x.count)
        // w → 0: every other pair weighs the same, so f(x_n) is the mean of the other labels.
        let total = y.reduce(0, +)
        let meanOfOthers = y.map { total / (n - 1) - $0 / (n - 1) }
        let meanLoss = zip(meanOfOthers, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        #expect(abs(try objective.loss(w: [1e-6]) - meanLoss) < 1e-8)
        // w → ∞: only the nearest other key counts (the data have no ties in distance).
        let nearest = x.indices.map { n in
            x.indices.filter { $0 != n }.min { abs(x[$0] - x[n]) < abs(x[$1] - x[n]) }!
        }
        let nearestLoss = x.indices.reduce(0) { $0 + (y[nearest[$1]] - y[$1]) * (y[nearest[$1]] - y[$1]) }
        #expect(abs(try objective.loss(w: [1e5]) - nearestLoss) < 1e-9)
        #expect(abs(try objective.lossAndGradient(w: [1e5]).gradient[0]) < 1e-12)
    }

    @Test func chapterLeaveOneOutOptimumMatchesTheGrid() throws {
        let objective = try WidthObjective(
            keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: true)
        let search = try objective.gridSearch(lower: 0.1, upper: 100)
        let run = try objective.train(from: [bookInitialW], settings: WidthTraining(epochs: 1000, tolerance: 1e-8))
        #expect(abs(run.final.w[0] / search.refined - 1) < 0.01)
        #expect(search.losses.allSatisfy { $0 >= run.final.loss - 1e-9 })
    }

    @Test func perCoordinateTrainingFindsDifferentWidths() throws {
        let data = planeData(seed: 5, count: 60)
        let objective = try WidthObjective(keys: data.keys, values: data.values, leaveOneOut: true)
        let run = try objective.train(
            from: [1, 1], settings: WidthTraining(epochs: 5000, stepSpace: .logWidth, tolerance: 1e-8))
        #expect(run.stop == .converged)
        // x₁ drives a fast sine, x₂ a gentle slope: the first coordinate needs the narrower kernel (larger w).
        #expect(run.final.w[0] > 2 * run.final.w[1])
    }

    @Test func hugeWidthsStayFiniteUntilTheyOverflow() throws {
        let objective = try WidthObjective(keys: [0, 1, 3], values: [1, 2, 4], leaveOneOut: true)
        // w = 10⁶: every kernel weight underflows to 0 in linear space; log space gives the nearest neighbour.
        #expect(try objective.estimates(w: [1e6]) == [2, 1, 2])
        #expect(throws: AttentionPoolingError.notFinite(w: [1e300])) { try objective.loss(w: [1e300]) }
    }

    @Test func plainStepPastZeroIsReportedAsDivergence() throws {
        let objective = try WidthObjective(
            keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: true)
        #expect(throws: AttentionPoolingError.diverged(epoch: 1)) {
            try objective.train(from: [5], settings: WidthTraining(learningRate: 100, lineSearch: false))
        }
        let safe = try objective.train(from: [5], settings: WidthTraining(learningRate: 100))
        #expect(safe.final.w[0] > 0 && safe.final.loss < safe.records[0].loss)
    }

    @Test func invalidSettingsAreRefusedWithAReason() throws {
        let objective = try WidthObjective(keys: [0, 1, 2], values: [1, 2, 3], leaveOneOut: true)
        let cases: [(WidthTraining, [Double], AttentionPoolingError)] = [
            (WidthTraining(learningRate: 0), [1], .invalidLearningRate(0)),
            (WidthTraining(learningRate: .infinity), [1], .invalidLearningRate(.infinity)),
            (WidthTraining(epochs: -1), [1], .negativeEpochs(-1)),
            (WidthTraining(tolerance: 0), [1], .invalidConvergenceTolerance(0)),
            (WidthTraining(), [0], .invalidWidth(0)),
            (WidthTraining(), [-2], .invalidWidth(-2)),
            (WidthTraining(), [1, 1], .widthCountMismatch(dimension: 1, widths: 2)),
        ]
        for (settings, w, error) in cases {
            #expect(throws: error) { try objective.train(from: w, settings: settings) }
        }
        #expect(throws: AttentionPoolingError.tooFewKeysForLeaveOneOut(1)) {
            try WidthObjective(keys: [1.0], values: [2], leaveOneOut: true)
        }
        #expect(throws: AttentionPoolingError.valueCountMismatch(keys: 2, values: 1)) {
            try WidthObjective(keys: [1.0, 2], values: [2], leaveOneOut: false)
        }
        #expect(throws: AttentionPoolingError.nonFinite(role: "value", index: 1)) {
            try WidthObjective(keys: [1.0, 2], values: [2, .nan], leaveOneOut: false)
        }
        #expect(throws: AttentionPoolingError.dimensionMismatch(role: "key", index: 1, expected: 2, found: 1)) {
            try WidthObjective(keys: [[1, 2], [3]], values: [2, 3], leaveOneOut: false)
        }
        #expect(throws: AttentionPoolingError.noKeys) {
            try WidthObjective(keys: [Double](), values: [], leaveOneOut: false)
        }
        #expect(throws: AttentionPoolingError.invalidGrid(lower: 0, upper: 1, count: 400)) {
            try objective.gridSearch(lower: 0, upper: 1)
        }
        #expect(AttentionPoolingError.diverged(epoch: 3).description.contains("epoch 3"))
        #expect(!AttentionPoolingError.tooFewKeysForLeaveOneOut(1).description.contains("\n"))
    }

    @Test func zeroEpochsReturnsTheStart() throws {
        let run = try WidthObjective(keys: [0, 1, 2], values: [1, 0, 1], leaveOneOut: true)
            .train(from: [0.7], settings: WidthTraining(epochs: 0))
        #expect(run.records.count == 1)
        #expect(run.final.w == [0.7] && run.final.epoch == 0)
        #expect(run.stop == .epochLimit)
    }
}

@Suite struct WidthUnitsTests {
    @Test func trainingOnRescaledDataGivesTheSameWidthInOriginalUnits() throws {
        let data = SineRegression.generate(samples: 30, seed: 3)
        let (a, b) = (20.0, 7.0)
        let original = try WidthObjective(keys: data.trainingInputs, values: data.trainingTargets, leaveOneOut: true)
        let rescaled = try WidthObjective(keys: data.trainingInputs.map { $0 / a },
                                          values: data.trainingTargets.map { $0 / b }, leaveOneOut: true)
        let run = try rescaled.train(from: [1], settings: WidthTraining(epochs: 3))
            .inOriginalUnits(inputScale: a, labelScale: b)
        for record in run.records {
            let (loss, gradient) = try original.lossAndGradient(w: record.w)
            #expect(abs(record.loss - loss) / loss < 1e-12)
            #expect(abs(record.gradient[0] - gradient[0]) <= 1e-9 * abs(gradient[0]))
        }
        let grid = try rescaled.gridSearch(lower: 0.1, upper: 10, count: 50).inOriginalUnits(inputScale: a, labelScale: b)
        let direct = try original.gridSearch(lower: 0.1 / a, upper: 10 / a, count: 50)
        #expect(abs(grid.refined - direct.refined) / direct.refined < 1e-6)
    }
}

@Suite struct StepGrowthTests {
    @Test func bookStepsFirstThenSecantStepsReachTheOptimumSooner() throws {
        // A flat valley: the user's CSV from the width-learning notes, inputs spread over [0, 100], rescaled.
        var generator = SeededGenerator(seed: 12)
        let inputs = (0..<60).map { _ in 100 * generator.uniform() }.sorted().map { $0 / 20 }
        let labels = inputs.map { 3 * cos(2 * $0) + 0.5 * generator.standardNormal() }
        let objective = try WidthObjective(keys: inputs, values: labels, leaveOneOut: true)
        let fixed = try objective.train(from: [0.6], settings: WidthTraining(epochs: 2000, tolerance: 1e-8))
        let growing = try objective.train(
            from: [0.6], settings: WidthTraining(epochs: 2000, tolerance: 1e-8, adaptiveStepAfter: 5))
        #expect(growing.stop == .converged)
        #expect(growing.final.epoch < fixed.final.epoch)
        // The first five epochs are the book's: identical in both runs.
        #expect(Array(growing.records.prefix(6)) == Array(fixed.records.prefix(6)))
        for (before, after) in zip(growing.records, growing.records.dropFirst()) { #expect(after.loss <= before.loss) }
        let grid = try objective.gridSearch(lower: 0.1, upper: 100)
        #expect(abs(growing.final.w[0] - grid.refined) / grid.refined < 0.01)
    }
}

@Suite struct WidthObjectiveOnALineTests {
    /// The book's case (d = 1, one w) takes the contiguous-buffer path; padding every key with a second coordinate of
    /// 0 forces the general code on the same sums, which must agree bit for bit.
    @Test(arguments: [false, true], [0.05, 0.6, 3, 40, 2000])
    func lineObjectiveEqualsTheGeneralOneBitForBit(leaveOneOut: Bool, w: Double) throws {
        let data = SineRegression.generate(samples: 37, seed: 11)
        let line = try WidthObjective(keys: data.trainingInputs, values: data.trainingTargets, leaveOneOut: leaveOneOut)
        let plane = try WidthObjective(keys: data.trainingInputs.map { [$0, 0] }, values: data.trainingTargets,
                                       leaveOneOut: leaveOneOut)
        let (a, b) = (try line.lossAndGradient(w: [w]), try plane.lossAndGradient(w: [w]))
        #expect(a.loss == b.loss)
        #expect(a.gradient == b.gradient)
    }
}
