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
