import Foundation
import Testing

@testable import AttentionPooling

/// The dense path's scalar estimates, the reference every windowed answer must equal.
private func dense(_ queries: [Double], _ keys: [Double], _ values: [Double], _ kernel: Kernel, _ sigma: Double,
                   leaveOneOut: Bool = false) throws -> [Double?] {
    try NadarayaWatson(kernel: kernel, width: .scalar(sigma))
        .pool(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).estimates
}

/// Both undefined, or equal within 1e-12 relative to max(1, |reference|).
private func agree(_ fast: [Double?], _ reference: [Double?]) -> Bool {
    fast.count == reference.count && zip(fast, reference).allSatisfy { a, b in
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): abs(a - b) <= 1e-12 * max(1, abs(b))
        default: false
        }
    }
}

/// Keys on a grid of eighths (so duplicates are common and edges are exact), values in [−1, 1), and queries that
/// include every key ± σ exactly, far-away points and random points.
private func problem(seed: UInt64, count: Int, sigma: Double) -> (keys: [Double], values: [Double], queries: [Double]) {
    var generator = SeededGenerator(seed: seed)
    let keys = (0..<count).map { _ in (40 * generator.uniform()).rounded(.down) / 8 }
    let values = keys.map { _ in 2 * generator.uniform() - 1 }
    let edges = keys.prefix(20).flatMap { [$0 - sigma, $0 + sigma, $0] }
    let random = (0..<60).map { _ in 7 * generator.uniform() - 1 }
    return (keys, values, edges + random + [-100, 100])
}

@Test(arguments: [Kernel.boxcar, .epanechikov])
func windowedEstimatesEqualTheDensePool(kernel: Kernel) throws {
    for (seed, sigma) in [(1, 0.125), (2, 0.3), (3, 1e-3), (4, 2.5), (5, 100)] as [(UInt64, Double)] {
        let (keys, values, queries) = problem(seed: seed, count: 300, sigma: sigma)
        let fast = try WindowedKernels.estimates(queries: queries, keys: keys, values: values, kernel: kernel,
                                                 width: sigma)
        #expect(agree(fast, try dense(queries, keys, values, kernel, sigma)), "seed \(seed), σ = \(sigma)")
    }
}

@Test(arguments: [Kernel.boxcar, .epanechikov])
func windowedLeaveOneOutEqualsTheDensePool(kernel: Kernel) throws {
    for (seed, sigma) in [(6, 0.125), (7, 0.05), (8, 3)] as [(UInt64, Double)] {
        let (keys, values, _) = problem(seed: seed, count: 250, sigma: sigma)
        let fast = try WindowedKernels.estimates(queries: keys, keys: keys, values: values, kernel: kernel,
                                                 width: sigma, leaveOneOut: true)
        #expect(agree(fast, try dense(keys, keys, values, kernel, sigma, leaveOneOut: true)), "seed \(seed)")
    }
}

@Test func boxcarIncludesItsEdgeAndEpanechikovGivesItNoWeight() throws {
    let (keys, values) = ([0.0, 1.0], [10.0, 20.0])
    let boxcar = try WindowedKernels.estimates(queries: [1.0, 2.0], keys: keys, values: values, kernel: .boxcar,
                                               width: 1)
    #expect(boxcar == [15, 20])
    let epanechikov = try WindowedKernels.estimates(queries: [1.0, 2.0], keys: keys, values: values,
                                                    kernel: .epanechikov, width: 1)
    #expect(epanechikov == [20, nil])
}

@Test func singleKeyAndEmptyNeighbourhoods() throws {
    for kernel in [Kernel.boxcar, .epanechikov] {
        let estimates = try WindowedKernels.estimates(queries: [0.5, 0.25, 3], keys: [0.5], values: [7],
                                                      kernel: kernel, width: 1)
        #expect(estimates == [7, 7, nil])
        let alone = try WindowedKernels.estimates(queries: [0.0, 5.0], keys: [0.0, 5.0], values: [1, 2],
                                                  kernel: kernel, width: 1, leaveOneOut: true)
        #expect(alone == [nil, nil])
    }
}

@Test func windowsFarAlongLargeKeysKeepFullAccuracy() throws {
    var generator = SeededGenerator(seed: 9)
    let keys = (0..<5000).map { _ in 1e6 + 1000 * generator.uniform() }
    let values = keys.map { _ in generator.uniform() + 1 }
    let queries = (0..<200).map { _ in 1e6 + 1000 * generator.uniform() }
    for kernel in [Kernel.boxcar, .epanechikov] {
        let fast = try WindowedKernels.estimates(queries: queries, keys: keys, values: values, kernel: kernel,
                                                 width: 0.7)
        #expect(agree(fast, try dense(queries, keys, values, kernel, 0.7)))
    }
}

@Test func windowedRejectsGaussianKernelsAndBadInputs() {
    #expect(throws: AttentionPoolingError.unsupportedKernel(.gaussian)) {
        try WindowedKernels.estimates(queries: [0], keys: [0], values: [0], kernel: .gaussian, width: 1)
    }
    #expect(throws: AttentionPoolingError.invalidWidth(0)) {
        try WindowedKernels.estimates(queries: [0], keys: [0], values: [0], kernel: .boxcar, width: 0)
    }
    #expect(throws: AttentionPoolingError.noKeys) {
        try WindowedKernels.estimates(queries: [0], keys: [], values: [], kernel: .boxcar, width: 1)
    }
    #expect(throws: AttentionPoolingError.leaveOneOutNeedsQueriesAsKeys(queries: 1, keys: 2)) {
        try WindowedKernels.estimates(queries: [0], keys: [0, 1], values: [0, 1], kernel: .boxcar, width: 1,
                                      leaveOneOut: true)
    }
    #expect(throws: AttentionPoolingError.nonFinite(role: "query", index: 0)) {
        try WindowedKernels.estimates(queries: [.nan], keys: [0], values: [0], kernel: .boxcar, width: 1)
    }
    #expect(AttentionPoolingError.unsupportedKernel(.constant).description.contains("Constant"))
}

/// The radix sort gives the order sorting (key, index) pairs gives: ascending keys, ties (−0 and +0 among them) in
/// input order, across negative, tiny, huge and repeated numbers.
@Test func theRadixOrderIsTheOrderOfSortingKeysWithTheirIndices() {
    var generator = SeededGenerator(seed: 9)
    var keys = (0..<5000).map { _ in (generator.uniform() - 0.5) * pow(10, 40 * generator.uniform() - 20) }
    keys += [0, -0.0, 0, 1, 1, -1, 1e308, -1e308, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 2.5, 2.5] + keys.prefix(100)
    let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
    #expect(SortedSample.ascendingOrder(keys) == expected)
    #expect(SortedSample.ascendingOrder([]) == [])
}

/// Random doubles of every magnitude and sign, ±0 and the extremes, for the edge and order tests.
private func awkwardNumbers(seed: UInt64, count: Int) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    let random = (0..<count).map { _ in (generator.uniform() - 0.5) * pow(10, 60 * generator.uniform() - 30) }
    return random + [0, -0.0, 1, -1, 0.1, 1e16, -1e16, 1e308, -1e308, .greatestFiniteMagnitude,
                     -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude]
}

/// `lowest` and `highest` are exactly where the reference's test turns: in reach there, out of reach one double
/// further out (or no finite double further out), for both tests (≤ 1 and < 1) and widths from subnormal to huge.
@Test func windowEdgesAreTheBoundariesOfTheReferencesTest() {
    let queries = awkwardNumbers(seed: 21, count: 300)
    let widths = [0.082, 1, 3, 1e-3, 1e-300, .leastNonzeroMagnitude, 1e300, .greatestFiniteMagnitude, 0.1, 7.3e12]
    for q in queries {
        for sigma in widths {
            for includingEdge in [true, false] {
                func reaches(_ k: Double) -> Bool {
                    let r = abs(q - k) / sigma
                    return includingEdge ? r <= 1 : r < 1
                }
                let (low, high) = (WindowedEdges.lowest(query: q, width: sigma, includingEdge: includingEdge),
                                   WindowedEdges.highest(query: q, width: sigma, includingEdge: includingEdge))
                #expect(low <= q && q <= high && reaches(low) && reaches(high), "q = \(q), σ = \(sigma)")
                #expect(low == -.greatestFiniteMagnitude || !reaches(low.nextDown), "q = \(q), σ = \(sigma)")
                #expect(high == .greatestFiniteMagnitude || !reaches(high.nextUp), "q = \(q), σ = \(sigma)")
            }
        }
    }
}

/// rank orders doubles as < does, steps one ulp at a time, ties −0 with +0, and `number` inverts it.
@Test func ranksOrderDoublesAndStepOneUlp() {
    let numbers = awkwardNumbers(seed: 22, count: 500).sorted()
    for (x, y) in zip(numbers, numbers.dropFirst()) {
        #expect((WindowedEdges.rank(x) < WindowedEdges.rank(y)) == (x < y), "\(x) < \(y)")
    }
    for x in numbers where x.isFinite {
        #expect(WindowedEdges.number(rank: WindowedEdges.rank(x)) == x)
        if x != .greatestFiniteMagnitude && x != 0 { #expect(WindowedEdges.above(x) == x.nextUp) }
    }
    #expect(WindowedEdges.rank(-0.0) == 0 && WindowedEdges.number(rank: 0).sign == .plus)
    #expect(WindowedEdges.above(0) == .leastNonzeroMagnitude && WindowedEdges.above(-0.0) == .leastNonzeroMagnitude)
    #expect(WindowedEdges.above(.greatestFiniteMagnitude) == .infinity)
}

/// Integer keys with many ties and integer widths put keys exactly at distance σ from integer queries (in reach for
/// the boxcar, weight 0 for the Epanechikov kernel); every answer equals the dense pool's, leave-one-out included.
@Test(arguments: [Kernel.boxcar, .epanechikov])
func integerKeysWithTiesAndKeysOnTheEdgesAgreeWithTheReference(kernel: Kernel) throws {
    var generator = SeededGenerator(seed: 23)
    for sigma in [1.0, 2, 3, 0.5] {
        let keys = (0..<400).map { _ in (12 * generator.uniform()).rounded(.down) - 3 }
        let values = keys.map { _ in (10 * generator.uniform()).rounded(.down) - 5 }
        let queries = (0..<200).map { _ in (36 * generator.uniform()).rounded(.down) / 2 - 6 } + [-0.0, 0, 40, -40]
        let fast = try WindowedKernels.estimates(queries: queries, keys: keys, values: values, kernel: kernel,
                                                 width: sigma)
        #expect(agree(fast, try dense(queries, keys, values, kernel, sigma)), "σ = \(sigma)")
        let alone = try WindowedKernels.estimates(queries: keys, keys: keys, values: values, kernel: kernel,
                                                  width: sigma, leaveOneOut: true)
        #expect(agree(alone, try dense(keys, keys, values, kernel, sigma, leaveOneOut: true)), "σ = \(sigma)")
    }
}

/// Large enough for many chunks and blocks on every core: two runs give the very same bits, nil for nil.
@Test(arguments: [Kernel.boxcar, .epanechikov])
func windowedResultsAreIdenticalFromRunToRun(kernel: Kernel) throws {
    var generator = SeededGenerator(seed: 24)
    let keys = (0..<120_000).map { _ in 5 * generator.uniform() }
    let values = keys.map { _ in generator.standardNormal() }
    let queries = (0..<20_000).map { _ in 6 * generator.uniform() - 0.5 } + [100]
    let first = try WindowedKernels.estimates(queries: queries, keys: keys, values: values, kernel: kernel, width: 0.01)
    for _ in 0..<2 {
        let again = try WindowedKernels.estimates(queries: queries, keys: keys, values: values, kernel: kernel,
                                                  width: 0.01)
        #expect(zip(first, again).allSatisfy { $0?.bitPattern == $1?.bitPattern })
    }
    let sample = Array(queries.prefix(40))
    #expect(agree(Array(first.prefix(40)), try dense(sample, keys, values, kernel, 0.01)))
}

/// The bucket sums over [T[a], T[b]) equal the sums taken key by key: keys on edges, before the first edge, after
/// the last (+∞ among them), edges crowded in one grid cell beside an outlier, and spans that overflow. The prefix
/// sums promise an error about 2⁻¹⁰⁶ · Σ|terms| over all the keys, hence the second part of the tolerance (it
/// matters only for keys near ±1e308).
@Test func bucketSumsEqualTheSumsOverTheKeysBetweenTwoEdges() {
    var generator = SeededGenerator(seed: 25)
    let evenEdges = (0..<300).map { Double($0) / 10 }
    let crowded = (0..<200).map { 1 + Double($0) * 1e-9 } + [1e6]
    let edgeSets: [[Double]] = [evenEdges, evenEdges + [.infinity], crowded, [-1e308, 0, 1e308], [2, 3]]
    for edges in edgeSets {
        let low = edges[0], high = edges.last { $0.isFinite }!
        var keys = (0..<5000).map { _ in low - 1 + (high - low + 2) * generator.uniform() }
        keys += edges.filter(\.isFinite) + [low.nextDown, high, 2, 2, 2]
        keys = keys.map { $0.isFinite ? $0 : 0 }
        let values = keys.map { _ in 2 * generator.uniform() - 1 }
        let buckets = WindowedBuckets(edges: edges, keys: keys, values: values, moments: true)
        let allTerms = keys.indices.reduce(0.0) { $0 + abs(keys[$1] * values[$1]) + abs(keys[$1]) }
        for _ in 0..<100 {
            let a = Int(generator.uniform() * Double(edges.count))
            let b = a + Int(generator.uniform() * Double(edges.count - a))
            let inside = keys.indices.filter { edges[a] <= keys[$0] && keys[$0] < edges[b] }
            let (pa, pb) = (buckets.prefix(a), buckets.prefix(b))
            #expect((pb.offset.count + pb.local.count) - (pa.offset.count + pa.local.count) == inside.count)
            let v = CompensatedSum.difference(pb.offset.v, pb.local.v, pa.offset.v, pa.local.v).value
            let k = CompensatedSum.difference(pb.offset.k, pb.local.k, pa.offset.k, pa.local.k).value
            let kv = CompensatedSum.difference(pb.offset.kv, pb.local.kv, pa.offset.kv, pa.local.kv).value
            let exact = inside.reduce((CompensatedSum.zero, CompensatedSum.zero, CompensatedSum.zero)) { sums, i in
                (sums.0.adding(values[i]), sums.1.adding(keys[i]),
                 sums.2.adding(CompensatedSum.twoProduct(keys[i], values[i])))
            }
            let tolerance = 1e-15 * inside.reduce(1.0) { max($0, abs(keys[$1])) } + 1e-28 * allTerms
            #expect(abs(v - exact.0.value) <= 1e-15 && abs(k - exact.1.value) <= tolerance)
            #expect(abs(kv - exact.2.value) <= tolerance, "edges \(edges.prefix(3)), [\(a), \(b))")
        }
    }
}

/// The grid counts the edges ≤ x exactly, whether a cell holds no edge, a few, or crowds of them.
@Test func theEdgeGridCountsTheEdgesAtOrBelowAnyNumber() {
    var generator = SeededGenerator(seed: 26)
    let edgeSets: [[Double]] = [(0..<1000).map { Double($0) }, (0..<500).map { 1 + Double($0) * 1e-12 } + [5, 1e9],
                                [-1e308, 1e308], [7], [1, 2, .infinity], (0..<50).map { pow(2, Double($0)) }]
    for edges in edgeSets {
        let grid = EdgeGrid(edges, cellsPerBlock: 512)
        #expect(grid.cellCount % 512 == 0)
        let probes = edges.filter(\.isFinite).flatMap { [$0, $0.nextUp, $0.nextDown] }
            + (0..<500).map { _ in (generator.uniform() - 0.3) * 2 * (edges.last { $0.isFinite }! + 1) }
            + [-.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0]
        edges.withUnsafeBufferPointer { buffer in
            for x in probes {
                #expect(grid.edgesAtOrBelow(x, in: buffer) == edges.filter { $0 <= x }.count, "x = \(x)")
            }
        }
    }
}

/// The radix sort the queries (and the sorted-key plan's keys) go through gives the order of sorting (number, index):
/// ties (−0 and +0 among them) in input order, numbers crowded within 1e-7, spans that overflow.
@Test func theQueriesOrderIsTheOrderOfSortingWithTheirIndices() {
    var generator = SeededGenerator(seed: 27)
    let spread = awkwardNumbers(seed: 28, count: 2000)
    let crowded = (0..<3000).map { _ in 1 + 1e-9 * (100 * generator.uniform()).rounded() } + [1e12, -0.0, 0, 1]
    let ties = (0..<2000).map { _ in (5 * generator.uniform()).rounded() }
    for numbers in [spread, crowded, ties, [3.0], [], [2, 1], [0, -0.0, 0]] {
        let expected = numbers.indices.sorted { (numbers[$0], $0) < (numbers[$1], $1) }
        #expect(SortedSample.ascendingOrder(numbers) == expected)
    }
}

/// A few queries far from the others fall outside the grid's cells (which follow the bulk of the queries); keys near
/// them and keys between still get the reference's answers.
@Test(arguments: [Kernel.boxcar, .epanechikov])
func farOutlyingQueriesOutsideTheGridsCellsAgreeWithTheReference(kernel: Kernel) throws {
    var generator = SeededGenerator(seed: 29)
    let queries = (0..<3000).map { _ in 5 * generator.uniform() } + [1000, -1000, 1e6, 1000.05]
    var keys = (0..<3000).map { _ in 10 * generator.uniform() - 2 }
    keys += [1000.05, 999.98, 1000, -1000.05, 1e6, 1e6 + 0.1, 500, -500]
    let values = keys.map { _ in generator.standardNormal() }
    let fast = try WindowedKernels.estimates(queries: queries, keys: keys, values: values, kernel: kernel, width: 0.1)
    #expect(agree(fast, try dense(queries, keys, values, kernel, 0.1)))
    #expect(fast.suffix(4).allSatisfy { $0 != nil })
}
