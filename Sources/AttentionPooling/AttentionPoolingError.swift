/// The one error of the maths module: why an estimator, a fast path behind `NadarayaWatson.estimates`, width
/// learning, a bandwidth rule, an attention-weight rule or `Softmax` refused its inputs, or why learning stopped.
/// (`LookupError` stays apart: it is about the names in a `StringDatabase`, not about numbers.)
///
/// Every function of the module that can fail throws this type (`throws(AttentionPoolingError)`), and every check
/// that several of them share is one function (`validateScalarInputs`, `validatePointInputs`, `validateWidth`), so
/// the same bad input gets the same case everywhere. Each description is one line.
public enum AttentionPoolingError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: Inputs: queries, keys and values

    /// No keys (no training pairs, no scores, no values to pool).
    case noKeys
    /// A key, query or value with no coordinates.
    case emptyPoint(role: String)
    case valueCountMismatch(keys: Int, values: Int)
    /// Point `index` of `role` ("key", "query", "value") has `found` coordinates where its kind has `expected`.
    case dimensionMismatch(role: String, index: Int, expected: Int, found: Int)
    /// A key, query, value, score, weight or sample point that is (or holds) NaN or ±∞.
    case nonFinite(role: String, index: Int)
    case leaveOneOutNeedsQueriesAsKeys(queries: Int, keys: Int)
    case tooFewKeysForLeaveOneOut(Int)

    // MARK: Widths, distance and the fast paths

    /// A width that is not a finite number > 0: a σ, a w = 1/σ, or a bandwidth rule's pilot width.
    case invalidWidth(Double)
    case noWidths
    case widthCountMismatch(dimension: Int, widths: Int)
    case keyWidthCountMismatch(keys: Int, widths: Int)
    case invalidKeyGroups
    case invalidMinkowskiExponent(Double)
    case unsupportedKernel(Kernel)
    /// The fast Gauss transform's error tolerance, outside [1e-15, 0.1].
    case invalidTolerance(Double)
    /// Keys, queries or values so large (near the largest double) that the windowed Epanechikov sums would overflow.
    case tooLargeForPrefixSums

    // MARK: Learning the width

    case invalidLearningRate(Double)
    case negativeEpochs(Int)
    case invalidLossScale(Double)
    /// `WidthTraining.tolerance`, the stopping rule's, that is not a finite number > 0.
    case invalidConvergenceTolerance(Double)
    case invalidGrid(lower: Double, upper: Double, count: Int)
    case notFinite(w: [Double])
    case diverged(epoch: Int)

    // MARK: Bandwidth rules

    case tooFewPoints(needed: Int, found: Int)
    case noSpread

    // MARK: Attention-weight rules

    case indexOutOfRange(index: Int, count: Int)
    case invalidK(k: Int, count: Int)
    case countMismatch(weights: Int, values: Int)

    // MARK: Softmax

    case invalidScore(index: Int, value: Double)
    case invalidTemperature(Double)

    public var description: String {
        switch self {
        case .noKeys: "attention pooling needs at least one key"
        case .emptyPoint(let role): "each \(role) needs at least one coordinate"
        case .valueCountMismatch(let keys, let values): "there are \(keys) keys but \(values) values"
        case .dimensionMismatch(let role, let index, let expected, let found):
            "\(role) \(index) has \(found) coordinates, expected \(expected)"
        case .nonFinite(let role, let index): "\(role) \(index) is not finite: NaN or ±∞ where a number is needed"
        case .leaveOneOutNeedsQueriesAsKeys(let queries, let keys):
            "leave-one-out needs the queries to be the keys, but there are \(queries) queries and \(keys) keys"
        case .tooFewKeysForLeaveOneOut(let count):
            "leave-one-out needs at least 2 keys, so each query has another to attend to, not \(count)"
        case .invalidWidth(let width): "a width (σ, or w = 1/σ) must be a finite number greater than 0, not \(width)"
        case .noWidths: "a per-coordinate width needs at least one coordinate"
        case .widthCountMismatch(let d, let widths): "the keys have \(d) coordinates but \(widths) widths were given"
        case .keyWidthCountMismatch(let keys, let widths): "there are \(keys) keys but \(widths) per-key widths"
        case .invalidKeyGroups: "key groups must be consecutive ranges of key indices covering every key, in order"
        case .invalidMinkowskiExponent(let p): "the Minkowski exponent p must be at least 1, not \(p)"
        case .unsupportedKernel(let kernel):
            "windowed evaluation needs a kernel with a finite reach (boxcar or Epanechikov), not \(kernel.displayName)"
        case .invalidTolerance(let tolerance):
            "the fast Gauss transform's tolerance must be between 1e-15 and 0.1, not \(tolerance)"
        case .tooLargeForPrefixSums:
            "the numbers are too large for windowed Epanechikov sums (n · |key| · |value| would overflow)"
        case .invalidLearningRate(let rate): "the learning rate must be a finite number greater than 0, not \(rate)"
        case .negativeEpochs(let epochs): "the number of epochs must be 0 or more, not \(epochs)"
        case .invalidLossScale(let scale): "the loss scale must be a finite number greater than 0, not \(scale)"
        case .invalidConvergenceTolerance(let tolerance):
            "the convergence tolerance must be a finite number greater than 0, not \(tolerance)"
        case .invalidGrid(let lower, let upper, let count):
            "a width grid needs finite 0 < lower < upper and 3 or more points, not [\(lower), \(upper)] with \(count)"
        case .notFinite(let w): "the loss is not a finite number at w = \(w): the widths are too extreme"
        case .diverged(let epoch): "gradient descent diverged at epoch \(epoch): w left (0, ∞) or the loss overflowed"
        case .tooFewPoints(let needed, let found): "this rule needs at least \(needed) points, not \(found)"
        case .noSpread: "all points are equal, so they have no spread to set a width from"
        case .indexOutOfRange(let index, let count): "key \(index) does not exist: there are \(count) keys"
        case .invalidK(let k, let count): "top-k needs k between 1 and the number of keys, \(count), not \(k)"
        case .countMismatch(let weights, let values): "there are \(weights) weights but \(values) values"
        case .invalidScore(let index, let value): "score \(index) is \(value); scores must be finite or −∞"
        case .invalidTemperature(let tau): "the temperature must be a finite number greater than 0, not \(tau)"
        }
    }
}
