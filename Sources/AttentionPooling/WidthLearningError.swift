/// Why width learning refused its inputs or stopped. Each description is one line.
public enum WidthLearningError: Error, Equatable, Sendable, CustomStringConvertible {
    case noKeys
    case emptyKey
    case valueCountMismatch(keys: Int, values: Int)
    case dimensionMismatch(index: Int, expected: Int, found: Int)
    case nonFinite(role: String, index: Int)
    case tooFewKeysForLeaveOneOut(Int)
    case widthCountMismatch(dimension: Int, widths: Int)
    case invalidWidth(Double)
    case invalidLearningRate(Double)
    case negativeEpochs(Int)
    case invalidLossScale(Double)
    case invalidTolerance(Double)
    case invalidGrid(lower: Double, upper: Double, count: Int)
    case notFinite(w: [Double])
    case diverged(epoch: Int)

    public var description: String {
        switch self {
        case .noKeys: "learning a width needs at least one training pair"
        case .emptyKey: "each key needs at least one coordinate"
        case .valueCountMismatch(let keys, let values): "there are \(keys) keys but \(values) values"
        case .dimensionMismatch(let index, let expected, let found):
            "key \(index) has \(found) coordinates, expected \(expected)"
        case .nonFinite(let role, let index): "\(role) \(index) is not a finite number"
        case .tooFewKeysForLeaveOneOut(let count):
            "leave-one-out needs at least 2 training pairs, so each one has another to attend to, not \(count)"
        case .widthCountMismatch(let d, let widths):
            "the keys have \(d) coordinates, so w needs 1 or \(d) entries, not \(widths)"
        case .invalidWidth(let w): "each w = 1/σ must be a finite number greater than 0, not \(w)"
        case .invalidLearningRate(let rate): "the learning rate must be a finite number greater than 0, not \(rate)"
        case .negativeEpochs(let epochs): "the number of epochs must be 0 or more, not \(epochs)"
        case .invalidLossScale(let scale): "the loss scale must be a finite number greater than 0, not \(scale)"
        case .invalidTolerance(let tolerance): "the tolerance must be a finite number greater than 0, not \(tolerance)"
        case .invalidGrid(let lower, let upper, let count):
            "a width grid needs finite 0 < lower < upper and 3 or more points, not [\(lower), \(upper)] with \(count)"
        case .notFinite(let w): "the loss is not a finite number at w = \(w): the widths are too extreme"
        case .diverged(let epoch): "gradient descent diverged at epoch \(epoch): w left (0, ∞) or the loss overflowed"
        }
    }
}
