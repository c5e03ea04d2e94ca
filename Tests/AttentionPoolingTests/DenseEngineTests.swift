import Foundation
import Testing

@testable import AttentionPooling
import DenseKernels

/// Points with `dimension` coordinates uniform on [0, spread), from a seeded generator.
private func randomPoints(_ count: Int, dimension: Int, spread: Double, generator: inout SeededGenerator)
    -> [[Double]]
{
    (0..<count).map { _ in (0..<dimension).map { _ in spread * generator.uniform() } }
}

/// The largest |dense − reference| over every coordinate, relative to the values' scale; fails when one side is
/// nil and the other is not.
private func relativeDifference(_ dense: [[Double]?], _ reference: [[Double]?], scale: Double) -> Double {
    var largest = 0.0
    for (a, b) in zip(dense, reference) {
        switch (a, b) {
        case (nil, nil): continue
        case (let a?, let b?): for (x, y) in zip(a, b) { largest = max(largest, abs(x - y) / scale) }
        default: return .infinity
        }
    }
    return largest
}

/// Runs the dense engine and `NadarayaWatson.pool` on the same problem and returns their relative difference.
private func compareWithReference(
    queries: [[Double]], keys: [[Double]], values: [[Double]], kernel: Kernel, width: Double, leaveOneOut: Bool
) throws -> Double {
    let dense = try DenseEngine.estimates(
        queries: queries, keys: keys, values: values, kernel: kernel, width: width, leaveOneOut: leaveOneOut)
    let reference = try NadarayaWatson(kernel: kernel, width: .scalar(width))
        .pool(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).pooledValues
    #expect(dense.count == reference.count)
    let scale = max(1e-300, values.joined().map(abs).max() ?? 0)
    return relativeDifference(dense, reference, scale: scale)
}

/// Every variant of the C exponential this CPU has is within 5·10⁻¹⁶ of the C library's e^x on 2·10⁶ points of
/// [−708.3, 709] (a shift of 1 moves them all), exactly 1 at 0 and at −10⁻³⁰⁰, and 0 below −708.3 and at −∞.
@Test func everyExponentialVariantMatchesLibmAndFlushesUnderflowToZero() {
    let count = 2_000_000
    let grid = (0..<count).map { -708.3 + 1417.3 * Double($0) / Double(count) }
    let edges: [Double] = [0, -708.4, -745, -800, -1e300, -.infinity, -1e-300, -708.2]
    var ran: [Int] = []
    for variant in 0...2 {
        var row = grid.map { $0 + 1 }
        guard dense_kernels_exp_row_by(Int32(variant), &row, row.count, 1) != 0 else { continue }
        ran.append(variant)
        var largest = 0.0
        for (x, fast) in zip(grid, row) {
            let exact = Foundation.exp(x)
            largest = max(largest, abs(fast - exact) / exact)
        }
        #expect(largest <= 5e-16, "variant \(variant)")
        var edge = edges
        _ = dense_kernels_exp_row_by(Int32(variant), &edge, edge.count, 0)
        #expect(edge[0] == 1 && edge[6] == 1, "variant \(variant)")
        for lane in 1...5 { #expect(edge[lane] == 0, "variant \(variant), x = \(edges[lane])") }
        #expect(abs(edge[7] - Foundation.exp(-708.2)) <= 5e-16 * Foundation.exp(-708.2), "variant \(variant)")
    }
    #expect(ran.first == 0 && ran.contains(Int(dense_kernels_variant())))
}

/// Every variant of the C kernel this CPU has gives 2^(−t²) to a couple of ulp plus what rounding t² can move (the
/// fused variants use the exact t²), exactly 1 at 0, and 0 beyond 2^−1021 and for t = ±∞ (a masked key); the
/// engine runs the best of them.
@Test func everyGaussianLineVariantIsTwoToTheMinusTSquared() {
    let count = 400_000
    let t = (0...count).map { 31.9 * Double($0) / Double(count) } + [32, -32, 40, 1e10, 1e200, .infinity, -.infinity]
    let keys = t.map { -$0 }  // t = (0 − k) · 1
    var ran: [Int] = []
    for variant in 0...2 {
        var row = [Double](repeating: .nan, count: keys.count)
        guard dense_kernels_gaussian_line_by(Int32(variant), keys, keys.count, 0, 1, &row) != 0 else { continue }
        ran.append(variant)
        var largest = 0.0
        for j in 0...count {
            let exact = Foundation.exp2(-(t[j] * t[j]))
            largest = max(largest, abs(row[j] - exact) / exact / (5e-16 + 1.2e-16 * t[j] * t[j]))
        }
        #expect(largest <= 1, "variant \(variant)")
        #expect(row[0] == 1, "variant \(variant)")
        #expect(row[(count + 1)...].allSatisfy { $0 == 0 }, "variant \(variant)")
    }
    #expect(ran.first == 0 && ran.contains(Int(dense_kernels_variant())))
}

@Test func denseEqualsReferenceForEveryKernelDimensionAndWidth() throws {
    var generator = SeededGenerator(seed: 11)
    for dimension in 1...3 {
        for kernel in Kernel.allCases {
            for width in [0.05, 0.4, 3.0] {
                for leaveOneOut in [false, true] {
                    let keys = randomPoints(600, dimension: dimension, spread: 4, generator: &generator)
                    let values = keys.map { point in [point.reduce(0, +).squareRoot() - 1, generator.uniform()] }
                    let queries = leaveOneOut
                        ? keys : randomPoints(37, dimension: dimension, spread: 5, generator: &generator)
                    let difference = try compareWithReference(
                        queries: queries, keys: keys, values: values, kernel: kernel, width: width,
                        leaveOneOut: leaveOneOut)
                    #expect(difference <= 1e-12, "d = \(dimension), \(kernel), σ = \(width), loo = \(leaveOneOut)")
                }
            }
        }
    }
}

@Test func scalarEntryPointEqualsTheVectorOne() throws {
    var generator = SeededGenerator(seed: 12)
    let keys = (0..<300).map { _ in 5 * generator.uniform() }
    let values = keys.map { SineRegression.truth($0) + generator.standardNormal() }
    let queries = (0..<50).map { _ in 6 * generator.uniform() - 0.5 }
    for kernel in Kernel.allCases {
        let scalar = try DenseEngine.estimates(
            queries: queries, keys: keys, values: values, kernel: kernel, width: 0.3)
        let vector = try DenseEngine.estimates(
            queries: queries.map { [$0] }, keys: keys.map { [$0] }, values: values.map { [$0] }, kernel: kernel,
            width: 0.3)
        #expect(scalar == vector.map { $0?.first })
    }
}

@Test func tinyWidthsLookUpTheNearestKeyAndHugeWidthsAverage() throws {
    let keys: [Double] = [0, 1, 2.5, 4]
    let values: [Double] = [10, -3, 7, 1]
    // σ = 10⁻⁶: every logit far below −10⁵, the nearest key still gets weight 1 (no 0/0).
    let nearest = try DenseEngine.estimates(
        queries: [0.2, 1.1, 3.9, 100], keys: keys, values: values, kernel: .gaussian, width: 1e-6)
    #expect(nearest == [10, -3, 1, 1])
    let average = try DenseEngine.estimates(
        queries: [0, 3], keys: keys, values: values, kernel: .gaussian, width: 1e9)
    for estimate in average { #expect(abs(estimate! - 3.75) <= 1e-12) }
    for width in [1e-9, 1e-3, 1e3, 1e9] {
        let difference = try compareWithReference(
            queries: [[0.3], [2.0], [50]], keys: keys.map { [$0] }, values: values.map { [$0] }, kernel: .gaussian,
            width: width, leaveOneOut: false)
        #expect(difference <= 1e-12, "σ = \(width)")
    }
}

@Test func aSingleKeyGivesItsValueOrNothingWhenLeftOut() throws {
    let gaussian = try DenseEngine.estimates(queries: [-3, 0, 8], keys: [1], values: [4], kernel: .gaussian, width: 0.1)
    #expect(gaussian == [4, 4, 4])
    let leftOut = try DenseEngine.estimates(
        queries: [1], keys: [1], values: [4], kernel: .gaussian, width: 0.1, leaveOneOut: true)
    #expect(leftOut == [nil])
    let boxcar = try DenseEngine.estimates(queries: [1.05, 2], keys: [1], values: [4], kernel: .boxcar, width: 0.1)
    #expect(boxcar == [4, nil])
}

@Test func duplicateKeysShareTheirWeight() throws {
    let keys: [Double] = [1, 1, 1, 3]
    let values: [Double] = [0, 3, 6, 100]
    for kernel in Kernel.allCases {
        let difference = try compareWithReference(
            queries: [[1], [2], [2.9]], keys: keys.map { [$0] }, values: values.map { [$0] }, kernel: kernel,
            width: 0.5, leaveOneOut: false)
        #expect(difference <= 1e-12, "\(kernel)")
    }
    let estimates = try DenseEngine.estimates(
        queries: keys, keys: keys, values: values, kernel: .boxcar, width: 0.5, leaveOneOut: true)
    #expect(estimates == [4.5, 3, 1.5, nil])
}

@Test func emptyNeighbourhoodsAreUndefinedNotZero() throws {
    let keys: [Double] = [0, 0.5, 1]
    for kernel in [Kernel.boxcar, .epanechikov] {
        let estimates = try DenseEngine.estimates(
            queries: [-5, 0.25, 1.2, 9], keys: keys, values: [1, 2, 3], kernel: kernel, width: 0.3)
        #expect(estimates[0] == nil && estimates[3] == nil)
        #expect(estimates[1] != nil && estimates[2] != nil)
    }
    // The boxcar includes its edge r = 1 exactly as the reference does; the Epanechikov's weight there is 0.
    let edge = try DenseEngine.estimates(queries: [1.5], keys: [1], values: [2], kernel: .boxcar, width: 0.5)
    #expect(edge == [2])
    let zeroAtEdge = try DenseEngine.estimates(
        queries: [1.5], keys: [1], values: [2], kernel: .epanechikov, width: 0.5)
    #expect(zeroAtEdge == [nil])
}

@Test func multiThreadedResultsAreTheSameEveryRunAndForAnySplit() throws {
    var generator = SeededGenerator(seed: 13)
    let keys = (0..<3000).map { _ in 5 * generator.uniform() }
    let values = keys.map { SineRegression.truth($0) + 0.5 * generator.standardNormal() }
    let queries = (0..<2000).map { _ in 5 * generator.uniform() }
    #expect(queries.count * keys.count >= DenseEngine.parallelThreshold)
    let first = try DenseEngine.estimates(queries: queries, keys: keys, values: values, kernel: .gaussian, width: 0.2)
    for _ in 0..<4 {
        let again = try DenseEngine.estimates(
            queries: queries, keys: keys, values: values, kernel: .gaussian, width: 0.2)
        #expect(again.map { $0?.bitPattern } == first.map { $0?.bitPattern })
    }
    // Ten queries alone stay on one thread: each query's bits do not depend on the others or on the threads.
    let alone = try DenseEngine.estimates(
        queries: Array(queries.prefix(10)), keys: keys, values: values, kernel: .gaussian, width: 0.2)
    #expect(alone.map { $0?.bitPattern } == first.prefix(10).map { $0?.bitPattern })
}

@Test func denseEqualsReferenceOnTheChapterScaleProblem() throws {
    var generator = SeededGenerator(seed: 14)
    let keys = (0..<1000).map { _ in [5 * generator.uniform()] }
    let values = keys.map { [SineRegression.truth($0[0]) + 0.5 * generator.standardNormal()] }
    let queries = (0..<200).map { _ in [5 * generator.uniform()] }
    let difference = try compareWithReference(
        queries: queries, keys: keys, values: values, kernel: .gaussian, width: 0.25, leaveOneOut: false)
    #expect(difference <= 1e-12)
}

@Test func invalidInputsAreRejectedWithTheReferenceErrors() throws {
    #expect(throws: AttentionPoolingError.invalidWidth(0)) {
        try DenseEngine.estimates(queries: [0], keys: [0], values: [0], kernel: .gaussian, width: 0)
    }
    #expect(throws: AttentionPoolingError.noKeys) {
        try DenseEngine.estimates(queries: [0], keys: [], values: [], kernel: .gaussian, width: 1)
    }
    #expect(throws: AttentionPoolingError.valueCountMismatch(keys: 2, values: 1)) {
        try DenseEngine.estimates(queries: [0], keys: [0, 1], values: [0], kernel: .gaussian, width: 1)
    }
    #expect(throws: AttentionPoolingError.leaveOneOutNeedsQueriesAsKeys(queries: 1, keys: 2)) {
        try DenseEngine.estimates(
            queries: [0], keys: [0, 1], values: [0, 1], kernel: .gaussian, width: 1, leaveOneOut: true)
    }
    #expect(throws: AttentionPoolingError.nonFinite(role: "query", index: 1)) {
        try DenseEngine.estimates(queries: [0, .nan], keys: [0], values: [0], kernel: .boxcar, width: 1)
    }
    #expect(throws: AttentionPoolingError.dimensionMismatch(role: "query", index: 0, expected: 2, found: 1)) {
        try DenseEngine.estimates(queries: [[0]], keys: [[0, 1]], values: [[0]], kernel: .gaussian, width: 1)
    }
    #expect(try DenseEngine.estimates(queries: [], keys: [1], values: [1], kernel: .gaussian, width: 1).isEmpty)
}

/// The Gaussian's first pass takes exp(ℓ) with no shift and keeps a query whose total is at least e^−600; below
/// that (keys about 35σ away and farther, where weights start to flush to 0) the query is evaluated again with the
/// online softmax. Queries on both sides of that line, and past the point where every unshifted weight is 0, get
/// the reference's estimates — in one block, so the retried queries sit among accepted ones.
@Test func queriesFarFromEveryKeyAreEvaluatedAgainWithTheOnlineSoftmax() throws {
    let keys: [[Double]] = [[0], [1], [2], [3], [100], [100.26]]
    let values: [[Double]] = [[5], [-1], [2], [7], [3], [9]]
    // Nearest key 33, 34.5, 35, 36.5, 37.5, 38, 47 widths away: ℓ ≈ −544, −595, −612, −666, −703, −722, −1105. The
    // last query is 37.42 from 100.26 (ℓ ≈ −700) and 37.68 from 100 (ℓ ≈ −710): unshifted, that second weight would
    // be flushed to 0 although it is e^−9.8 of the first — the retry keeps it.
    let queries: [[Double]] = [[-33], [-34.5], [-35], [39.5], [40.5], [41], [53], [1.5], [137.68]]
    let nearest = [33.0, 34.5, 35, 36.5, 37.5, 38, 47, 0.5, 37.42]
    for (query, distance) in zip(queries, nearest) {
        let accepted = Foundation.exp(-distance * distance / 2) >= DenseBlock.smallestUnshiftedTotal
        #expect(accepted == (distance <= 34.5), "query \(query[0])")
    }
    let difference = try compareWithReference(
        queries: queries, keys: keys, values: values, kernel: .gaussian, width: 1, leaveOneOut: false)
    #expect(difference <= 1e-12)
}

/// A width so small that 1/σ overflows (σ below 2⁻¹⁰²⁴, down to the smallest subnormal) still gives a key at the query
/// u = 0 and all the weight, as the reference does, in one and several dimensions; keys elsewhere weigh nothing.
@Test(arguments: [1e-300, 1e-310, 5e-324])
func subnormalWidthsStillLookUpTheKeyAtTheQuery(width: Double) throws {
    let keys = (0..<40).map { [Double($0) * 0.25] }
    let values = keys.map { [3 * $0[0]] }
    let queries: [[Double]] = [[0.5], [0.6], [9.75], [20]]
    #expect(try compareWithReference(queries: queries, keys: keys, values: values, kernel: .gaussian, width: width,
                                     leaveOneOut: false) == 0)
    let plane = keys.map { [$0[0], 1] }
    #expect(try compareWithReference(queries: queries.map { [$0[0], 1] }, keys: plane, values: values,
                                     kernel: .gaussian, width: width, leaveOneOut: false) == 0)
    let dense = try DenseEngine.estimates(queries: queries, keys: keys, values: values, kernel: .gaussian, width: width)
    #expect(dense.map { $0?.first } == [1.5, nil, 29.25, nil])
}
