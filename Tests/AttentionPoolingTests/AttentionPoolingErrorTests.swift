import Testing

@testable import AttentionPooling

/// The `AttentionPoolingError` that `body` throws, or nil when it returns (or throws anything else).
private func refusal(_ body: () throws -> Void) -> AttentionPoolingError? {
    do {
        try body()
        return nil
    } catch {
        return error as? AttentionPoolingError
    }
}

@Suite struct AttentionPoolingErrorTests {
    @Test func everyCaseHasItsOwnOneLineDescription() {
        let cases: [AttentionPoolingError] = [
            .noKeys, .emptyPoint(role: "key"), .valueCountMismatch(keys: 2, values: 1),
            .dimensionMismatch(role: "query", index: 1, expected: 2, found: 1), .nonFinite(role: "key", index: 1),
            .leaveOneOutNeedsQueriesAsKeys(queries: 1, keys: 2), .tooFewKeysForLeaveOneOut(1),
            .invalidWidth(0), .noWidths, .widthCountMismatch(dimension: 2, widths: 3),
            .keyWidthCountMismatch(keys: 2, widths: 3), .invalidKeyGroups, .invalidMinkowskiExponent(0.5),
            .unsupportedKernel(.gaussian), .invalidTolerance(1), .tooLargeForPrefixSums,
            .invalidLearningRate(0), .negativeEpochs(-1), .invalidLossScale(0), .invalidConvergenceTolerance(0),
            .invalidGrid(lower: 1, upper: 0.1, count: 3), .notFinite(w: [1e300]), .diverged(epoch: 3),
            .tooFewPoints(needed: 2, found: 1), .noSpread,
            .indexOutOfRange(index: 3, count: 3), .invalidK(k: 0, count: 3), .countMismatch(weights: 1, values: 2),
            .invalidScore(index: 1, value: .infinity), .invalidTemperature(0),
        ]
        for error in cases {
            #expect(!error.description.isEmpty && !error.description.contains("\n"), "\(error)")
        }
        #expect(Set(cases.map(\.description)).count == cases.count)
    }

    @Test func aNonFiniteKeyIsTheSameRefusalOnEveryPath() {
        let (keys, values) = ([0, Double.nan, 2], [1.0, 2, 3])
        let refusals: [(String, AttentionPoolingError?)] = [
            ("pool", refusal {
                _ = try NadarayaWatson(kernel: .gaussian).pool(queries: [0.0], keys: keys, values: values)
            }),
            ("pool in R^d", refusal {
                _ = try NadarayaWatson(kernel: .gaussian).pool(
                    queries: [[0.0]], keys: keys.map { [$0] }, values: values.map { [$0] })
            }),
            ("dense", refusal {
                _ = try DenseEngine.estimates(queries: [0], keys: keys, values: values, kernel: .gaussian, width: 1)
            }),
            ("dense in R^d", refusal {
                _ = try DenseEngine.estimates(queries: [[0]], keys: keys.map { [$0] }, values: values.map { [$0] },
                                              kernel: .gaussian, width: 1)
            }),
            ("windowed", refusal {
                _ = try WindowedKernels.estimates(queries: [0], keys: keys, values: values, kernel: .boxcar, width: 1)
            }),
            ("fast Gauss", refusal {
                _ = try FastGaussTransform.estimates(queries: [0], keys: keys, values: values, width: 1)
            }),
            ("width objective", refusal { _ = try WidthObjective(keys: keys, values: values, leaveOneOut: true) }),
            ("leave-one-out width", refusal {
                _ = try LeaveOneOutWidth.lossAndGradient(inputs: keys, targets: values, w: 1)
            }),
            ("Abramson", refusal { _ = try BandwidthRules.abramson(keys: keys, pilotWidth: 1) }),
        ]
        for (path, error) in refusals { #expect(error == .nonFinite(role: "key", index: 1), "\(path)") }
    }

    @Test func aZeroWidthIsTheSameRefusalOnEveryPath() throws {
        let (keys, values) = ([0.0, 1, 2], [1.0, 2, 3])
        let objective = try WidthObjective(keys: keys, values: values, leaveOneOut: true)
        let refusals: [(String, AttentionPoolingError?)] = [
            ("estimator", refusal { _ = try NadarayaWatson(kernel: .gaussian, width: .scalar(0)) }),
            ("dense", refusal {
                _ = try DenseEngine.estimates(queries: [0], keys: keys, values: values, kernel: .gaussian, width: 0)
            }),
            ("windowed", refusal {
                _ = try WindowedKernels.estimates(queries: [0], keys: keys, values: values, kernel: .boxcar, width: 0)
            }),
            ("fast Gauss", refusal {
                _ = try FastGaussTransform.estimates(queries: [0], keys: keys, values: values, width: 0)
            }),
            ("width objective", refusal { _ = try objective.loss(w: [0]) }),
            ("leave-one-out width", refusal {
                _ = try LeaveOneOutWidth.lossAndGradient(inputs: keys, targets: values, w: 0)
            }),
            ("Abramson", refusal { _ = try BandwidthRules.abramson(keys: keys, pilotWidth: 0) }),
        ]
        for (path, error) in refusals { #expect(error == .invalidWidth(0), "\(path)") }
    }

    @Test func noKeysIsTheSameRefusalOnEveryPath() {
        let refusals: [(String, AttentionPoolingError?)] = [
            ("pool", refusal { _ = try NadarayaWatson(kernel: .gaussian).pool(queries: [0.0], keys: [], values: []) }),
            ("width objective", refusal { _ = try WidthObjective(keys: [Double](), values: [], leaveOneOut: false) }),
            ("leave-one-out width", refusal {
                _ = try LeaveOneOutWidth.lossAndGradient(inputs: [], targets: [], w: 1)
            }),
            ("Abramson", refusal { _ = try BandwidthRules.abramson(keys: [], pilotWidth: 1) }),
            ("argmax", refusal { _ = try AttentionWeights.argmax([]) }),
            ("attention-weight pool", refusal { _ = try AttentionWeights.pool(weights: [], values: []) }),
            ("softmax", refusal { _ = try Softmax.weights([]) }),
        ]
        for (path, error) in refusals { #expect(error == .noKeys, "\(path)") }
    }

    @Test func aPointWithNoCoordinatesIsTheSameRefusalOnEveryPath() {
        #expect(refusal {
            _ = try NadarayaWatson(kernel: .gaussian).pool(queries: [[]], keys: [[]], values: [[1]])
        } == .emptyPoint(role: "key"))
        #expect(refusal { _ = try WidthObjective(keys: [[Double]()], values: [1], leaveOneOut: false) }
            == .emptyPoint(role: "key"))
        #expect(refusal { _ = try AttentionWeights.pool(weights: [1], values: [[]]) } == .emptyPoint(role: "value"))
        #expect(refusal {
            _ = try DenseEngine.estimates(queries: [[0]], keys: [[0]], values: [[]], kernel: .gaussian, width: 1)
        } == .emptyPoint(role: "value"))
    }
}
