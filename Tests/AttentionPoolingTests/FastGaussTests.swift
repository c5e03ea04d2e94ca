import Testing

@testable import AttentionPooling

/// The dense path's Gaussian estimates (log-space, so never 0/0): the reference.
private func dense(_ queries: [Double], _ keys: [Double], _ values: [Double], _ sigma: Double,
                   leaveOneOut: Bool = false) throws -> [Double] {
    try NadarayaWatson(kernel: .gaussian, width: .scalar(sigma))
        .pool(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).estimates.map { $0 ?? .nan }
}

private func largestGap(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Clustered keys (two dense lumps and a sparse tail) with values y = 2 sin x + x + noise, queries spread wider.
private func problem(seed: UInt64, count: Int) -> (keys: [Double], values: [Double], queries: [Double]) {
    var generator = SeededGenerator(seed: seed)
    let keys = (0..<count).map { i in
        i % 3 == 0 ? 5 * generator.uniform() : (i % 3 == 1 ? 2 + 0.1 * generator.standardNormal() : 30 * generator.uniform())
    }
    let values = keys.map { 2 * _sin($0) + $0 + generator.standardNormal() }
    let queries = (0..<300).map { _ in 40 * generator.uniform() - 5 }
    return (keys, values, queries)
}

@Test func fastGaussEstimatesMeetTheirErrorBound() throws {
    let (keys, values, queries) = problem(seed: 1, count: 3000)
    let scale = values.map(abs).max() ?? 0
    for sigma in [try BandwidthRules.silverman(keys), 0.01, 0.3, 4, 1000] {
        let reference = try dense(queries, keys, values, sigma)
        for tolerance in [1e-10, 1e-6, 1e-3] {
            let fast = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: sigma,
                                                        tolerance: tolerance)
            #expect(largestGap(fast, reference) <= tolerance * scale, "σ = \(sigma), ε = \(tolerance)")
        }
    }
}

@Test func fastGaussAtTheDefaultToleranceIsWithinOneBillionthRelative() throws {
    var generator = SeededGenerator(seed: 2)
    let keys = (0..<20000).map { _ in 5 * generator.uniform() }
    let values = keys.map { 2 * _sin($0) + $0 + 3 + generator.standardNormal() }
    let queries = (0..<200).map { _ in 5 * generator.uniform() }
    let sigma = try BandwidthRules.silverman(keys)
    let fast = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: sigma)
    let reference = try dense(queries, keys, values, sigma)
    #expect(zip(fast, reference).allSatisfy { abs($0 - $1) <= 1e-9 * abs($1) })
}

@Test func fastGaussLeaveOneOutEqualsTheDensePool() throws {
    let (keys, values, _) = problem(seed: 3, count: 1500)
    let scale = values.map(abs).max() ?? 0
    for sigma in [0.02, 0.2, 2, 50] {
        let fast = try FastGaussTransform.estimates(queries: keys, keys: keys, values: values, width: sigma,
                                                    leaveOneOut: true)
        let reference = try dense(keys, keys, values, sigma, leaveOneOut: true)
        #expect(largestGap(fast, reference) <= 1e-10 * scale, "σ = \(sigma)")
    }
}

@Test func queriesFarFromEveryKeyTakeTheNearestKeysValue() throws {
    let keys = [0.0, 0.5, 1.0, 1.0, 3.0]
    let values = [1.0, 2.0, 3.0, 5.0, 9.0]
    let queries = [-1000.0, 1000.0, 2.0, 1.0]
    let fast = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: 0.01)
    #expect(fast.allSatisfy { $0.isFinite })
    #expect(fast[0] == 1 && fast[1] == 9)
    let reference = try dense(queries, keys, values, 0.01)
    #expect(largestGap(fast, reference) <= 1e-12)
    let single = try FastGaussTransform.estimates(queries: [-3, 0, 1e9], keys: [0.25], values: [4], width: 1)
    #expect(single == [4, 4, 4])
}

@Test func expansionOrderGrowsAsTheToleranceTightens() {
    let orders = [1e-3, 1e-6, 1e-10, 1e-15].map {
        FastGaussPlan.expansionOrder(radiusSquared: _log(4e6 / $0), halfSide: 0.5 / 2.0.squareRoot(), tolerance: $0,
                                     leaveOneOut: false)
    }
    #expect(orders == orders.sorted() && orders[0] < orders[3] && orders[3] < 80)
}

@Test func fastGaussRejectsBadInputs() {
    #expect(throws: AttentionPoolingError.invalidTolerance(0)) {
        try FastGaussTransform.estimates(queries: [0], keys: [0], values: [0], width: 1, tolerance: 0)
    }
    #expect(throws: AttentionPoolingError.invalidWidth(-1)) {
        try FastGaussTransform.estimates(queries: [0], keys: [0], values: [0], width: -1)
    }
    #expect(throws: AttentionPoolingError.tooFewKeysForLeaveOneOut(1)) {
        try FastGaussTransform.estimates(queries: [0], keys: [0], values: [0], width: 1, leaveOneOut: true)
    }
    #expect(throws: AttentionPoolingError.valueCountMismatch(keys: 1, values: 2)) {
        try FastGaussTransform.estimates(queries: [0], keys: [0], values: [0, 1], width: 1)
    }
    #expect(AttentionPoolingError.noKeys.description == "attention pooling needs at least one key")
}

/// Queries far from a tight cluster of keys (the case that used to cost m·n calls of exp inside the transform) get
/// the dense engine's answers, and near ones still the expansions' (within the transform's bound).
@Test func farQueriesGetTheDenseEnginesAnswers() throws {
    var generator = SeededGenerator(seed: 12)
    let keys = (0..<3000).map { _ in 0.01 * generator.standardNormal() }
    let values = keys.map { 1 + $0 * 40 }
    let queries = (0..<400).map { _ in 5 + 5 * generator.uniform() } + (0..<100).map { _ in 0.02 * generator.uniform() }
    let transform = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: 0.1)
    let dense = try DenseEngine.estimates(queries: queries, keys: keys, values: values, kernel: .gaussian, width: 0.1)
    for (i, (a, b)) in zip(transform, dense).enumerated() {
        let b = try #require(b)
        #expect(abs(a - b) <= (i < 400 ? 0 : 1e-9), "query \(queries[i]): \(a) vs \(b)")
    }
}
