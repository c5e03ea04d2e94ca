import Foundation
import Testing

@testable import AttentionPooling

private let chapter = SineRegression.generate(samples: 40, seed: 0)

@Suite struct BandwidthRulesTests {
    // Expected values from numpy: 0.9 * min(x.std(ddof=1), (q75 - q25) / 1.34) * n ** -0.2, np.percentile's default.
    @Test(arguments: [
        ([1, 2, 3, 4, 10], 0.9735846228506357),  // IQR/1.34 is the smaller spread
        ([0.3, 1.7, 2.2, 2.9, 3.1, 4.8, 5.5, 9.0], 1.2850431519094228),  // quartiles between order statistics
        ([0, 0, 0, 10, 10, 10], 3.444870390727823),  // σ̂ is the smaller spread
        ([5, 5, 5, 5, 5, 7], 0.5135309578229115),  // IQR = 0: σ̂ alone, as R's bw.nrd0
    ] as [([Double], Double)])
    func silvermanMatchesNumpy(sample: [Double], expected: Double) throws {
        #expect(abs(try BandwidthRules.silverman(sample) - expected) < 1e-14)
        #expect(abs(try BandwidthRules.silverman(sample.reversed()) - expected) < 1e-14)
    }

    @Test func quantilesInterpolateLinearlyBetweenOrderStatistics() {
        let sorted = [0.3, 1.7, 2.2, 2.9, 3.1, 4.8, 5.5, 9.0]
        #expect(abs(BandwidthRules.quantile(sorted: sorted, 0.25) - 2.075) < 1e-14)
        #expect(abs(BandwidthRules.quantile(sorted: sorted, 0.75) - 4.975) < 1e-14)
        #expect(BandwidthRules.quantile(sorted: sorted, 0) == 0.3)
        #expect(BandwidthRules.quantile(sorted: sorted, 1) == 9.0)
        #expect(BandwidthRules.quantile(sorted: [4], 0.5) == 4)
        #expect(BandwidthRules.quantile(sorted: [], 0.5).isNaN)
    }

    @Test func silvermanRefusesSamplesWithoutSpread() {
        #expect(throws: AttentionPoolingError.tooFewPoints(needed: 2, found: 1)) { try BandwidthRules.silverman([3]) }
        #expect(throws: AttentionPoolingError.noSpread) { try BandwidthRules.silverman([2, 2, 2]) }
        #expect(throws: AttentionPoolingError.nonFinite(role: "point", index: 1)) {
            try BandwidthRules.silverman([1, .infinity])
        }
    }

    @Test func abramsonWidthsAreLargerWhereKeysAreSparse() throws {
        let dense = (0..<20).map { 1 + Double($0) * 0.05 }  // 20 keys in [1, 1.95]
        let sparse = [3.0, 4.5, 6.0]
        let keys = dense + sparse
        let pilot = try BandwidthRules.silverman(keys)
        let widths = try BandwidthRules.abramson(keys: keys, pilotWidth: pilot)
        let widestDense = widths[..<dense.count].max()!
        for width in widths[dense.count...] { #expect(width > widestDense) }
        // The rule rescales around h: the widths' geometric mean is the pilot width.
        let logMean = widths.map { log($0) }.reduce(0, +) / Double(widths.count)
        #expect(abs(exp(logMean) - pilot) < 1e-12 * pilot)
    }

    @Test func abramsonOnEvenlySpreadKeysIsNearlyGlobal() throws {
        let keys = (0..<50).map { Double($0) }
        let widths = try BandwidthRules.abramson(keys: keys, pilotWidth: 2)
        // Interior keys all see the same pilot density; only the edges (half the neighbours) get wider.
        for width in widths[15..<35] { #expect(abs(width / widths[25] - 1) < 1e-9) }
        #expect(widths[0] > widths[25])
    }

    @Test(arguments: [false, true])
    func equalKeyWidthsGiveTheScalarWidth(leaveOneOut: Bool) throws {
        let keys = chapter.trainingInputs
        let perKey = try NadarayaWatson(kernel: .gaussian, width: .perKey([Double](repeating: 0.3, count: keys.count)))
            .pool(queries: keys, keys: keys, values: chapter.trainingTargets, leaveOneOut: leaveOneOut)
        let scalar = try NadarayaWatson(kernel: .gaussian, width: .scalar(0.3)).pool(
            queries: keys, keys: keys, values: chapter.trainingTargets, leaveOneOut: leaveOneOut)
        for (a, b) in zip(perKey.estimates, scalar.estimates) { #expect(abs(try #require(a) - (try #require(b))) < 1e-12) }
    }

    @Test func keyWidthsWeighEachKeyWithItsOwnWidth() throws {
        // One query halfway between two keys: the wider key reaches it more, exp(−½(1/2)²) vs exp(−½(1/0.5)²).
        let estimate = try NadarayaWatson(kernel: .gaussian, width: .perKey([2, 0.5])).pool(
            queries: [1.0], keys: [0, 2], values: [0, 1]).estimates[0]
        let (wide, narrow) = (exp(-0.125), exp(-2.0))
        #expect(abs(try #require(estimate) - narrow / (wide + narrow)) < 1e-15)
        // Tiny widths: every linear-space weight underflows; log space still picks the most similar key.
        let tiny = try NadarayaWatson(kernel: .gaussian, width: .perKey([1e-3, 1e-3])).pool(
            queries: [0.2, 1.9], keys: [0, 2], values: [5, 7])
        #expect(tiny.estimates == [5, 7])
    }

    @Test func leaveOneOutKeyWidthsIgnoreTheOwnLabel() throws {
        let keys = chapter.trainingInputs
        var values = chapter.trainingTargets
        let nw = try NadarayaWatson(kernel: .gaussian, width: .perKey(try BandwidthRules.abramson(keys: keys, pilotWidth: 0.3)))
        let before = try nw.pool(queries: keys, keys: keys, values: values, leaveOneOut: true).estimates
        values[9] -= 50
        let after = try nw.pool(queries: keys, keys: keys, values: values, leaveOneOut: true).estimates
        #expect(before[9] == after[9])
        #expect(try #require(after[10]) < (try #require(before[10])))
    }

    @Test(arguments: [0.1, 0.5, 1.0])
    func leaveOneOutErrorIsTheLeaveOneOutLossPerPair(sigma: Double) throws {
        let objective = try WidthObjective(
            keys: chapter.trainingInputs, values: chapter.trainingTargets, leaveOneOut: true)
        let (mse, undefined) = try NadarayaWatson(kernel: .gaussian, width: .scalar(sigma)).leaveOneOutError(
            inputs: chapter.trainingInputs.map { [$0] }, targets: chapter.trainingTargets)
        #expect(undefined == 0)
        #expect(abs(try #require(mse) - (try objective.loss(w: [1 / sigma])) / 40) < 1e-12)
    }

    @Test func perKeyWidthsAreValidated() throws {
        #expect(throws: AttentionPoolingError.invalidWidth(0)) {
            try NadarayaWatson(kernel: .gaussian, width: .perKey([1, 0]))
        }
        #expect(throws: AttentionPoolingError.keyWidthCountMismatch(keys: 2, widths: 3)) {
            try NadarayaWatson(kernel: .gaussian, width: .perKey([1, 1, 1])).pool(
                queries: [1.0], keys: [1, 2], values: [1, 2])
        }
        #expect(throws: AttentionPoolingError.invalidWidth(-1)) {
            try BandwidthRules.abramson(keys: [1, 2], pilotWidth: -1)
        }
        #expect(AttentionPoolingError.noSpread.description.contains("no spread"))
    }
}
