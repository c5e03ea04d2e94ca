import Foundation
import Testing

@testable import AttentionPooling

/// Every automatic path gives the reference's estimates.
@Suite struct EstimatePathTests {
    private func close(_ a: [Double?], _ b: [Double?], tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case (nil, nil): true
            case (let x?, let y?): abs(x - y) <= tolerance * max(1, abs(y))
            default: false
            }
        }
    }

    @Test(arguments: Kernel.allCases, [0.02, 0.3, 4.0])
    func oneDimensionalPathsEqualTheReference(kernel: Kernel, sigma: Double) throws {
        let data = SineRegression.generate(samples: 300, seed: 21)
        let nw = try NadarayaWatson(kernel: kernel, width: .scalar(sigma))
        for leaveOneOut in [false, true] {
            let queries = leaveOneOut ? data.trainingInputs : data.validationInputs + [-3, 9]
            let reference = try nw.pool(queries: queries, keys: data.trainingInputs, values: data.trainingTargets,
                                        leaveOneOut: leaveOneOut).estimates
            let fast = try nw.estimates(queries: queries, keys: data.trainingInputs, values: data.trainingTargets,
                                        leaveOneOut: leaveOneOut)
            #expect(close(fast, reference, tolerance: 1e-12))
        }
    }

    @Test func theFastGaussTransformTakesOverAtScaleAndStaysWithinItsBound() throws {
        var generator = SeededGenerator(seed: 5)
        let keys = (0..<20_000).map { _ in 10 * generator.uniform() }
        let values = keys.map { sin($0) + 0.3 * generator.standardNormal() }
        let queries = (0..<5_000).map { _ in 10 * generator.uniform() }
        let nw = try NadarayaWatson(kernel: .gaussian, width: .scalar(0.05))
        let fast = try nw.estimates(queries: queries, keys: keys, values: values)
        let sample = Array(queries.prefix(200))
        let reference = try nw.pool(queries: sample, keys: keys, values: values).estimates
        #expect(close(Array(fast.prefix(200)), reference, tolerance: 1e-9))
    }

    @Test func pointsInThePlaneAndOtherWidthsEqualTheReference() throws {
        var generator = SeededGenerator(seed: 6)
        let keys = (0..<200).map { _ in [generator.standardNormal(), generator.standardNormal()] }
        let values = keys.map { $0[0] - $0[1] }
        let queries = (0..<30).map { _ in [generator.standardNormal(), generator.standardNormal()] }
        for width in [Width.scalar(0.5), .perCoordinate([0.3, 1]), .perKey(keys.map { _ in 0.7 })] {
            for distance in [Distance.euclidean, .minkowski(p: 1)] {
                let nw = try NadarayaWatson(kernel: .epanechikov, width: width, distance: distance)
                let reference = try nw.pool(queries: queries, keys: keys, values: values.map { [$0] }).estimates
                #expect(close(try nw.estimates(queries: queries, keys: keys, values: values), reference,
                              tolerance: 1e-12))
            }
        }
    }

    @Test func refusesWhatPoolRefuses() throws {
        let nw = try NadarayaWatson(kernel: .boxcar)
        #expect(throws: AttentionPoolingError.noKeys) { try nw.estimates(queries: [1.0], keys: [], values: []) }
        #expect(throws: AttentionPoolingError.nonFinite(role: "value", index: 1)) {
            try nw.estimates(queries: [1.0], keys: [0, 1], values: [0, .nan])
        }
    }
}

/// `attentionRows` hands over `weights(query:keys:)` for every query on both of its paths: the reference for small
/// problems and per-key widths, the dense engine's row otherwise — rows of keys that are not a multiple of eight,
/// queries far from every key (undefined for the compact kernels), a width so narrow that one key takes everything.
@Test(arguments: Kernel.allCases, [0.003, 0.3, 40.0])
func attentionRowsOfEveryPathEqualTheReferenceWeights(kernel: Kernel, sigma: Double) throws {
    for n in [5, 3001] {
        let data = SineRegression.generate(samples: n, seed: 5)
        let queries = data.validationInputs + [-30, 2.5, 80]
        let nw = try NadarayaWatson(kernel: kernel, width: .scalar(sigma))
        let (rows, path) = try nw.attentionRows(queries: queries, keys: data.trainingInputs) { $0 }
        #expect(path == (queries.count * n > 100_000 ? .dense : .reference))
        for (query, row) in zip(queries, rows) {
            let reference = nw.weights(query: query, keys: data.trainingInputs)
            #expect((row == nil) == (reference == nil), "query \(query)")
            guard let row, let reference else { continue }
            #expect(row.count == n)
            let largest = zip(row, reference).map { abs($0 - $1) }.max() ?? 0
            #expect(largest <= 1e-13, "query \(query): \(largest)")
            #expect(abs(row.reduce(0, +) - 1) <= 1e-12)
        }
    }
    let perKey = try NadarayaWatson(kernel: kernel, width: .perKey(Array(repeating: sigma, count: 3001)))
    let keys = SineRegression.generate(samples: 3001, seed: 6).trainingInputs
    let (rows, path) = try perKey.attentionRows(queries: [0.5, 4], keys: keys) { $0.count }
    #expect(path == .reference && rows.allSatisfy { $0 == nil || $0 == 3001 })
    #expect(throws: AttentionPoolingError.nonFinite(role: "query", index: 1)) {
        try perKey.attentionRows(queries: [0.5, .nan], keys: keys) { $0 }
    }
}

/// The constant kernel's path is the mean of the values in O(n + m) — every query the same number, leave-one-out the
/// mean of the others — and equals the reference's pool; a single key left out leaves every query undefined.
@Test func theConstantKernelIsTheMeanOfTheValuesOnItsOwnPath() throws {
    let nw = try NadarayaWatson(kernel: .constant, width: .scalar(0.7))
    let data = SineRegression.generate(samples: 2500, seed: 8)
    let values = data.trainingTargets.map { 1e8 + $0 * 1e-3 }  // large values with small differences
    for leaveOneOut in [false, true] {
        let queries = leaveOneOut ? data.trainingInputs : data.validationInputs
        let (fast, path) = try nw.estimatesAndPath(queries: queries, keys: data.trainingInputs, values: values,
                                                   leaveOneOut: leaveOneOut)
        #expect(path == .mean)
        let reference = try nw.pool(queries: queries, keys: data.trainingInputs, values: values,
                                    leaveOneOut: leaveOneOut).estimates
        let exact = values.reduce(0.0, +)  // 2500 values of about 1e8: each partial sum is exact to 2⁻²⁶
        for (i, (a, b)) in zip(fast, reference).enumerated() {
            let a = try #require(a), b = try #require(b)
            #expect(abs(a - b) <= 1e-15 * 1e8 * 64, "query \(i): \(a) vs \(b)")
            let mean = leaveOneOut ? (exact - values[i]) / 2499 : exact / 2500
            #expect(abs(a - mean) <= 1e-15 * 1e8 * 4)
        }
    }
    let single = try nw.estimatesAndPath(queries: Array(repeating: 0, count: 200_000), keys: [1], values: [3])
    #expect(single.path == .mean && single.estimates.allSatisfy { $0 == 3 })
    let alone = NadarayaWatson.constantKernelEstimates(queries: 1, values: [3], leaveOneOut: true)
    #expect(alone == [nil])
}

/// Keys and queries near the largest double: distances overflow, and every path gives what the reference gives —
/// undefined where every distance overflows, never NaN (the fast Gauss transform's NaN queries are answered by the
/// dense engine, and the windowed Epanechikov sums, which would overflow, hand the problem to it).
@Test(arguments: Kernel.allCases)
func hugeKeysGiveTheReferencesAnswersOnEveryPathNeverNaN(kernel: Kernel) throws {
    let keys = [-1.7e308, -1e308, 0, 1e308, 1.7e308] + (0..<400).map { Double($0) / 100 }
    let values = keys.indices.map { Double($0 % 7) }
    let queries = [0, 1.7e308, -1.7e308, 1e300, 5] + (0..<300).map { Double($0) / 50 }
    for sigma in [1.0, 1e300] {
        let nw = try NadarayaWatson(kernel: kernel, width: .scalar(sigma))
        let reference = try nw.pool(queries: queries, keys: keys, values: values).estimates
        let (fast, path) = try nw.estimatesAndPath(queries: queries, keys: keys, values: values)
        #expect(path != .reference)
        for (i, (a, b)) in zip(fast, reference).enumerated() {
            #expect((a == nil) == (b == nil), "\(kernel) σ = \(sigma), query \(queries[i]): \(String(describing: a)) vs \(String(describing: b))")
            if let a, let b { #expect(a.isFinite && abs(a - b) <= 1e-9 * 7, "query \(queries[i]): \(a) vs \(b)") }
        }
    }
    if kernel == .epanechikov {
        #expect(throws: AttentionPoolingError.tooLargeForPrefixSums) {
            try WindowedKernels.estimates(queries: queries, keys: keys, values: values, kernel: kernel, width: 1)
        }
    }
}
