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

/// The double Hermite–Taylor series the grid plan truncates,
/// e^{−(D + t − s)²} = Σ_{a,b} s^a/a! · (−t)^b/b! · h_{a+b}(D), within the tail bound 2k·φ(L)·τ_p(L)·e^{−D²/2} for
/// |2s|, |2t| ≤ L, at the plan's box side.
@Test func hermiteTaylorSeriesReproducesTheKernelWithinItsTailBound() {
    let side = FastGaussGrid.boxSideInWidths / 2.0.squareRoot()  // L in units h = √2σ
    for order in [4, 8, 14] {
        for d in [0.0, 0.7, -2.1, 5.3] {
            let h = FastGaussGrid.hermiteFunctions(at: d, count: 2 * order)
            for (s, t) in [(side / 2, -side / 2), (-side / 2, -side / 2), (0.1, 0.05), (0, 0)] {
                var series = 0.0
                var sFactor = 1.0  // s^a / a!
                for a in 0..<order {
                    var tFactor = 1.0  // (−t)^b / b!
                    for b in 0..<order {
                        series += sFactor * tFactor * h[a + b]
                        tFactor *= -t / Double(b + 1)
                    }
                    sFactor *= s / Double(a + 1)
                }
                let exact = _exp(-(d + t - s) * (d + t - s))
                var (phi, term) = (0.0, 1.0)
                for a in 0..<100 {
                    phi += term
                    term *= side / Double(a + 1).squareRoot()
                }
                var tail = 1.0
                for p in 1...order { tail *= side / Double(p).squareRoot() }
                let bound = 2 * FastGaussGrid.cramerConstant * phi * tail / (1 - side / Double(order + 1).squareRoot())
                    * _exp(-d * d / 2)
                #expect(abs(series - exact) <= bound + 1e-15, "p = \(order), D = \(d), s = \(s), t = \(t)")
            }
        }
    }
}

/// Dense keys take the grid plan, and its estimates are within ε·max|v| of the dense engine's on uniform, clustered,
/// tied (down to a width of a 25th of their spacing), narrow (many boxes) and wide (one box) data, at several
/// tolerances; sparse or overflowing keys do not.
@Test func gridPlanMeetsItsErrorBoundOnEveryKindOfData() throws {
    var generator = SeededGenerator(seed: 21)
    let uniform = (0..<12000).map { _ in 5 * generator.uniform() }
    let clustered = (0..<12000).map { i in
        i % 2 == 0
            ? 1 + 0.02 * generator.standardNormal() : (i % 5 == 1 ? 4 + generator.uniform() : 9 * generator.uniform())
    }
    let tied = (0..<12000).map { _ in Double(Int(8 * generator.uniform())) / 4 }
    let cases: [(name: String, keys: [Double], widths: [Double])] = [
        ("uniform", uniform, [try BandwidthRules.silverman(uniform), 0.01, 2, 1e6]),
        ("clustered", clustered, [try BandwidthRules.silverman(clustered), 0.006, 0.5]),
        ("tied", tied, [0.01, 0.05, 0.3, 40]),
    ]
    for (name, keys, widths) in cases {
        let values = keys.map { 3 * _sin(2 * $0) + $0 + 0.5 * generator.standardNormal() }
        let scale = values.map(abs).max() ?? 0
        let queries = (0..<200).map { _ in 14 * generator.uniform() - 3 }
        for sigma in widths {
            #expect(FastGaussGrid(queries: queries, keys: keys, values: values, width: sigma, tolerance: 1e-10) != nil,
                    "\(name), σ = \(sigma) should take the grid")
            let reference = try dense(queries, keys, values, sigma)
            for tolerance in [1e-10, 1e-6, 1e-3] {
                let fast = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values,
                                                            width: sigma, tolerance: tolerance)
                #expect(largestGap(fast, reference) <= tolerance * scale, "\(name), σ = \(sigma), ε = \(tolerance)")
            }
        }
    }
    // Too many boxes for the keys (a tiny width), or a span that overflows: the sorted-key plan instead.
    #expect(FastGaussGrid(queries: [0], keys: uniform, values: uniform, width: 1e-7, tolerance: 1e-10) == nil)
    #expect(FastGaussGrid(queries: [0], keys: [-1e308, 1e308], values: [1, 2], width: 1, tolerance: 1e-10) == nil)
}

/// Queries just inside and just outside √G units of the nearest key (the far line), on the grid plan: the near ones
/// within the bound, the far ones exactly the dense engine's.
@Test func gridPlanSplitsNearAndFarQueriesAtTheFarLine() throws {
    var generator = SeededGenerator(seed: 22)
    let keys = (0..<20000).map { _ in 2 * generator.uniform() }
    let values = keys.map { _sin(3 * $0 + 1) + 0.1 * generator.standardNormal() }
    let scale = values.map(abs).max() ?? 0
    let sigma = 0.05
    let line = FastGaussPlan.nearLimitSquared.squareRoot() * 2.0.squareRoot() * sigma
    let (smallest, largest) = (keys.min() ?? 0, keys.max() ?? 0)
    let queries = [smallest - line * 0.999, smallest - line * 1.001, largest + line * 0.999, largest + line * 1.001,
                   smallest - 3, largest + 1e6, 1]
    let grid = try #require(FastGaussGrid(queries: queries, keys: keys, values: values, width: sigma, tolerance: 1e-10))
    #expect(queries.map(grid.isFar) == [false, true, false, true, true, true, false])
    let fast = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: sigma)
    let reference = try DenseEngine.estimates(queries: queries, keys: keys, values: values, kernel: .gaussian,
                                              width: sigma)
    for (i, (a, b)) in zip(fast, reference).enumerated() {
        let b = try #require(b)
        #expect(abs(a - b) <= (grid.isFar(query: queries[i]) ? 0 : 1e-10 * scale), "query \(queries[i])")
    }
}

/// At the benchmark's size (10⁶ uniform keys on [0, 5], Silverman's width, ε = 1e-10) the bound asks for few terms:
/// the order stays at most 20 and the reach within 8σ of a box.
@Test func gridOrderAndReachStaySmallAtScale() throws {
    var generator = SeededGenerator(seed: 23)
    let keys = (0..<1_000_000).map { _ in 5 * generator.uniform() }
    let sigma = try BandwidthRules.silverman(keys)
    let side = FastGaussGrid.boxSideInWidths / 2.0.squareRoot()
    let boxes = Int(5 / (FastGaussGrid.boxSideInWidths * sigma)) + 1
    let counts = [Int](repeating: 1_000_000 / boxes, count: boxes)
    let (reach, order) = try #require(FastGaussGrid.reachAndOrder(counts: counts, usedTargets: Array(0..<boxes),
                                                                  boxWidth: side, tolerance: 1e-10))
    #expect(order <= 20 && Double(reach) * FastGaussGrid.boxSideInWidths <= 8, "p = \(order), J = \(reach)")
}

/// The grid plan's edges: no queries, a single key (every near query takes its value), and the same bits on every run
/// (fixed chunks, added in order, whatever the number of cores).
@Test func gridPlanHandlesNoQueriesOneKeyAndRepeatsItsBits() throws {
    #expect(try FastGaussTransform.estimates(queries: [], keys: [1, 2], values: [3, 4], width: 0.5).isEmpty)
    let single = try FastGaussTransform.estimates(queries: [0.2, 0.25, 0.3], keys: [0.25], values: [4], width: 1)
    #expect(single.allSatisfy { abs($0 - 4) <= 4e-15 })
    var generator = SeededGenerator(seed: 24)
    let keys = (0..<150_000).map { _ in 3 * generator.uniform() }
    let values = keys.map { _sin($0) + generator.standardNormal() }
    let queries = (0..<2000).map { _ in 3 * generator.uniform() }
    #expect(FastGaussGrid(queries: queries, keys: keys, values: values, width: 0.05, tolerance: 1e-10) != nil)
    let first = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: 0.05)
    let second = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: 0.05)
    #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
}
