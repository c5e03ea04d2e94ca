import Foundation
import Testing

@testable import AttentionPooling

/// The book's formula written out as plainly as possible, the reference the estimator is checked against:
/// w_ij = α(q_i, k_j) / Σ_l α(q_i, k_l), f(q_i) = Σ_j w_ij y_j.
private func bookFormula(queries: [Double], keys: [Double], values: [Double], alpha: (Double) -> Double)
    -> (weights: [[Double]], estimates: [Double])
{
    let weights = queries.map { q in
        let similarities = keys.map { k in alpha(q - k) }
        let total = similarities.reduce(0, +)
        return similarities.map { $0 / total }
    }
    let estimates = weights.map { row in zip(row, values).map { $0 * $1 }.reduce(0, +) }
    return (weights, estimates)
}

private let data = SineRegression.generate(samples: 40, seed: 7)

@Suite struct NadarayaWatsonTests {
    @Test func handCheckedThreeKeys() throws {
        let result = try NadarayaWatson(kernel: .gaussian).pool(queries: [0.0], keys: [-1, 0, 1], values: [0, 1, 2])
        let e = exp(-0.5)
        let weights = try #require(result.weights[0])
        #expect(abs(weights[0] - e / (1 + 2 * e)) < 1e-15)
        #expect(abs(weights[1] - 1 / (1 + 2 * e)) < 1e-15)
        #expect(abs(try #require(result.estimates[0]) - 1) < 1e-15)
    }

    @Test(arguments: Kernel.allCases)
    func everyRowSumsToOne(kernel: Kernel) throws {
        let result = try NadarayaWatson(kernel: kernel).pool(
            queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
        for row in result.weights.compactMap({ $0 }) {
            #expect(abs(row.reduce(0, +) - 1) < 1e-12)
            #expect(row.allSatisfy { $0 >= 0 })
        }
    }

    @Test(arguments: Kernel.allCases)
    func estimatesLieWithinTheValuesRange(kernel: Kernel) throws {
        let result = try NadarayaWatson(kernel: kernel, width: .scalar(0.3)).pool(
            queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
        let low = data.trainingTargets.min()! - 1e-12
        let high = data.trainingTargets.max()! + 1e-12
        for estimate in result.estimates.compactMap({ $0 }) {
            #expect((low...high).contains(estimate))
        }
    }

    @Test func constantKernelGivesTheMeanEverywhere() throws {
        let result = try NadarayaWatson(kernel: .constant).pool(
            queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
        let mean = data.trainingTargets.reduce(0, +) / Double(data.trainingTargets.count)
        for estimate in result.estimates {
            #expect(abs(try #require(estimate) - mean) < 1e-12)
        }
    }

    @Test(arguments: [Kernel.gaussian, .boxcar, .epanechikov], [0.1, 0.2, 0.5, 1.0])
    func agreesWithTheBookFormula(kernel: Kernel, sigma: Double) throws {
        let reference = bookFormula(
            queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets
        ) { kernel.weight(scaledDistance: abs($0) / sigma) }
        let result = try NadarayaWatson(kernel: kernel, width: .scalar(sigma)).pool(
            queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
        for (i, row) in result.weights.enumerated() {
            guard let row else {
                // Undefined exactly where the book's formula divides 0 by 0.
                #expect(reference.estimates[i].isNaN)
                continue
            }
            for (ours, theirs) in zip(row, reference.weights[i]) { #expect(abs(ours - theirs) < 1e-12) }
            #expect(abs(result.estimates[i]! - reference.estimates[i]) < 1e-12)
        }
    }

    @Test func translationAndRotationLeaveWeightsUnchanged() throws {
        var generator = SeededGenerator(seed: 3)
        let keys = (0..<12).map { _ in [generator.standardNormal(), generator.standardNormal()] }
        let queries = (0..<5).map { _ in [generator.standardNormal(), generator.standardNormal()] }
        let values = keys.indices.map { [Double($0)] }
        let angle = 0.7
        func moved(_ p: [Double]) -> [Double] {
            [cos(angle) * p[0] - sin(angle) * p[1] + 3, sin(angle) * p[0] + cos(angle) * p[1] - 2]
        }
        for kernel in Kernel.allCases {
            let nw = try NadarayaWatson(kernel: kernel, width: .scalar(0.8))
            let before = try nw.pool(queries: queries, keys: keys, values: values)
            let after = try nw.pool(queries: queries.map(moved), keys: keys.map(moved), values: values)
            for (rowBefore, rowAfter) in zip(before.weights, after.weights) {
                #expect((rowBefore == nil) == (rowAfter == nil))
                for (a, b) in zip(rowBefore ?? [], rowAfter ?? []) { #expect(abs(a - b) < 1e-12) }
            }
        }
    }

    @Test func leaveOneOutGivesNoWeightToSelf() throws {
        let keys = data.trainingInputs
        let result = try NadarayaWatson(kernel: .gaussian, width: .scalar(0.2)).pool(
            queries: keys, keys: keys, values: data.trainingTargets, leaveOneOut: true)
        for (i, row) in result.weights.enumerated() {
            let row = try #require(row)
            #expect(row[i] == 0)
            #expect(abs(row.reduce(0, +) - 1) < 1e-12)
        }
    }

    @Test func leaveOneOutWithNoOtherKeyInReachIsUndefined() throws {
        let result = try NadarayaWatson(kernel: .boxcar, width: .scalar(1)).pool(
            queries: [0.0, 0.5, 10], keys: [0.0, 0.5, 10], values: [1, 2, 3], leaveOneOut: true)
        #expect(result.estimates[0] == 2)
        #expect(result.estimates[1] == 1)
        #expect(result.estimates[2] == nil)
        #expect(result.undefinedQueries == [2])
    }

    @Test func tinyGaussianWidthGivesTheNearestNeighbour() throws {
        // exp(−d²/(2·0.01²)) underflows to 0 for every key here; log space keeps the nearest one.
        let keys = [0.0, 1, 2, 3, 4]
        let values = [10.0, 11, 12, 13, 14]
        let queries = [0.3, 1.6, 2.49, 3.9, 7]
        let result = try NadarayaWatson(kernel: .gaussian, width: .scalar(0.01)).pool(
            queries: queries, keys: keys, values: values)
        #expect(result.estimates == [10, 12, 12, 14, 14])
        #expect(result.undefinedQueries.isEmpty)
    }

    @Test func emptyNeighbourhoodIsUndefinedNotZero() throws {
        for kernel in [Kernel.boxcar, .epanechikov] {
            let result = try NadarayaWatson(kernel: kernel, width: .scalar(0.5)).pool(
                queries: [0.1, 5], keys: [0, 1], values: [4, 6])
            #expect(result.estimates[0] != nil)
            #expect(result.weights[1] == nil)
            #expect(result.estimates[1] == nil)
            #expect(result.undefinedQueries == [1])
        }
    }

    @Test func oneHotValuesGiveClassProbabilities() throws {
        let keys: [[Double]] = [[0], [0.2], [1], [1.1], [1.3]]
        let labels = [0, 0, 1, 1, 2]
        let values = labels.map { label in (0..<3).map { $0 == label ? 1.0 : 0.0 } }
        let result = try NadarayaWatson(kernel: .gaussian, width: .scalar(0.3)).pool(
            queries: [[0.1], [1.15]], keys: keys, values: values)
        let near0 = try #require(result.pooledValues[0])
        let near1 = try #require(result.pooledValues[1])
        #expect(abs(near0.reduce(0, +) - 1) < 1e-12)
        #expect(near0.firstIndex(of: near0.max()!) == 0)
        #expect(near1.firstIndex(of: near1.max()!) == 1)
    }

    @Test func perCoordinateWidthMatchesRescaledInputs() throws {
        let keys: [[Double]] = [[0, 0], [1, 4], [2, -2], [0.5, 1]]
        let values: [[Double]] = [[1], [2], [3], [4]]
        let queries: [[Double]] = [[0.4, 0.8], [1.5, 1]]
        let anisotropic = try NadarayaWatson(kernel: .gaussian, width: .perCoordinate([0.5, 2])).pool(
            queries: queries, keys: keys, values: values)
        let rescale = { (p: [Double]) in [p[0] / 0.5, p[1] / 2] }
        let isotropic = try NadarayaWatson(kernel: .gaussian).pool(
            queries: queries.map(rescale), keys: keys.map(rescale), values: values)
        for (a, b) in zip(anisotropic.estimates, isotropic.estimates) { #expect(abs(a! - b!) < 1e-12) }
    }

    @Test func invalidInputsAreRefusedWithAReason() throws {
        #expect(throws: AttentionPoolingError.invalidWidth(0)) { try NadarayaWatson(kernel: .gaussian, width: .scalar(0)) }
        #expect(throws: AttentionPoolingError.invalidWidth(-1)) {
            try NadarayaWatson(kernel: .gaussian, width: .perCoordinate([1, -1]))
        }
        #expect(throws: AttentionPoolingError.invalidMinkowskiExponent(0.5)) {
            try NadarayaWatson(kernel: .gaussian, distance: .minkowski(p: 0.5))
        }
        let nw = try NadarayaWatson(kernel: .gaussian)
        #expect(throws: AttentionPoolingError.noKeys) { try nw.pool(queries: [1.0], keys: [], values: []) }
        #expect(throws: AttentionPoolingError.valueCountMismatch(keys: 2, values: 1)) {
            try nw.pool(queries: [1.0], keys: [0, 1], values: [1])
        }
        #expect(throws: AttentionPoolingError.dimensionMismatch(role: "query", index: 0, expected: 2, found: 1)) {
            try nw.pool(queries: [[1.0]], keys: [[0, 1]], values: [[1]])
        }
        #expect(throws: AttentionPoolingError.nonFinite(role: "key", index: 1)) {
            try nw.pool(queries: [1.0], keys: [0, .nan], values: [1, 2])
        }
        #expect(throws: AttentionPoolingError.leaveOneOutNeedsQueriesAsKeys(queries: 1, keys: 2)) {
            try nw.pool(queries: [1.0], keys: [0, 1], values: [1, 2], leaveOneOut: true)
        }
        #expect(throws: AttentionPoolingError.widthCountMismatch(dimension: 1, widths: 2)) {
            try NadarayaWatson(kernel: .gaussian, width: .perCoordinate([1, 1])).pool(
                queries: [1.0], keys: [0], values: [1])
        }
        #expect(AttentionPoolingError.noKeys.description.contains("at least one key"))
    }
}

@Suite struct EstimatorPathTests {
    @Test func poolIsTheWeightsOfEachQueryThenTheirSum() throws {
        let data = SineRegression.generate(samples: 30, seed: 4)
        let nw = try NadarayaWatson(kernel: .epanechikov, width: .scalar(0.4))
        let keys = data.trainingInputs.map { [$0] }
        let result = try nw.pool(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
        for (query, row) in zip(data.validationInputs, result.weights) {
            #expect(nw.weights(query: [query], keys: keys) == row)
        }
    }

    /// The one entry point takes the reference itself for small problems (the code the chapter's page shows), and a
    /// faster path, chosen by the cost model, for large ones; every path gives the reference's estimates.
    @Test(arguments: Kernel.allCases)
    func everyPathGivesTheReferencesEstimates(kernel: Kernel) throws {
        let nw = try NadarayaWatson(kernel: kernel, width: .scalar(0.3))
        #expect(nw.path(queries: 50, keys: 40) == .reference)
        #expect(nw.path(queries: 50, keys: 100_000) == [.gaussian: EstimatorPath.fastGauss, .boxcar: .windowed,
                                                          .epanechikov: .windowed, .constant: .mean][kernel])
        #expect(nw.path(queries: 7, keys: 100_000) == [.gaussian: EstimatorPath.dense, .boxcar: .windowed,
                                                          .epanechikov: .windowed, .constant: .mean][kernel])
        #expect(nw.path(queries: 100_000, keys: 1_000_000) == [.gaussian: EstimatorPath.fastGauss, .boxcar: .windowed,
                                                                .epanechikov: .windowed, .constant: .mean][kernel])
        let data = SineRegression.generate(samples: 3000, seed: 2)
        let queries = (0..<60).map { Double($0) / 12 }
        let (fast, path) = try nw.estimatesAndPath(queries: queries, keys: data.trainingInputs, values: data.trainingTargets)
        #expect(path == nw.path(queries: 60, keys: 3000) && path != .reference)
        let reference = try nw.pool(queries: queries, keys: data.trainingInputs, values: data.trainingTargets).estimates
        for (a, b) in zip(fast, reference) {
            #expect((a == nil) == (b == nil))
            // The fast Gauss transform's bound is 1e-10 of the values' scale; the others agree to rounding.
            if let a, let b { #expect(abs(a - b) < (path == .fastGauss ? 1e-9 : 1e-12)) }
        }
    }

    /// Values like 10⁸ + 10⁻³·√i: `pool`'s Σᵢ αᵢ vᵢ, for the weights it returns, is within 2 units in the last place
    /// of 10⁸ (1.5e-8 each) of the same sum in double-double, computed as 10⁸·Σα + Σα·(v − 10⁸). Adding the
    /// products in plain doubles is off by up to 3e-7 here (20 units).
    @Test(arguments: [false, true])
    func poolAddsLargeNearlyEqualValuesToTheirLastDigits(asPoints: Bool) throws {
        let n = 2000
        let keys = (0..<n).map { Double($0) / Double(n) * 5 }
        let offsets = (0..<n).map { 1e-3 * Double($0).squareRoot() }
        let values = offsets.map { 1e8 + $0 }
        let queries = stride(from: 0.0, through: 5, by: 0.25).map { $0 }
        let nw = try NadarayaWatson(kernel: .gaussian, width: .scalar(2))
        let result = asPoints
            ? try nw.pool(queries: queries.map { [$0] }, keys: keys.map { [$0] }, values: values.map { [$0] })
            : try nw.pool(queries: queries, keys: keys, values: values)
        var largest = 0.0
        for (row, estimate) in zip(result.weights, result.estimates) {
            let weights = try #require(row)
            var (total, spread) = (CompensatedSum.zero, CompensatedSum.zero)
            for (weight, offset) in zip(weights, offsets) {
                total = total.adding(weight)
                spread = spread.adding(CompensatedSum.twoProduct(weight, offset))
            }
            let exact = total.multiplied(by: 1e8).adding(spread)
            largest = max(largest, abs(CompensatedSum.twoSum(try #require(estimate), 0).subtracting(exact).value))
        }
        #expect(largest <= 2 * 1e8.ulp, "largest error \(largest)")
    }

    @Test func perKeyWidthsTakeTheReference() throws {
        let nw = try NadarayaWatson(kernel: .gaussian, width: .perKey(Array(repeating: 0.5, count: 10)))
        #expect(nw.path(queries: 1000, keys: 1000) == .reference)
    }

    @Test func scalarPoolRefusesWhatTheGeneralPoolRefuses() throws {
        let nw = try NadarayaWatson(kernel: .gaussian)
        #expect(throws: AttentionPoolingError.noKeys) { try nw.pool(queries: [1.0], keys: [], values: []) }
        #expect(throws: AttentionPoolingError.nonFinite(role: "query", index: 0)) {
            try nw.pool(queries: [.infinity], keys: [1], values: [1])
        }
        #expect(throws: AttentionPoolingError.nonFinite(role: "query", index: 0)) {
            try nw.estimates(queries: [.infinity], keys: [1], values: [1])
        }
    }
}
