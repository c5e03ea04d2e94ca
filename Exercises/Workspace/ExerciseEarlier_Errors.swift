/// Why a function of the earlier edition's exercises (11.2.E1–E4) refused its input. Each description is one line.
/// Students may throw these from their own code, or any other error that explains the problem.
public enum PoolingExerciseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A count that must be at least `minimum` was `found`.
    case tooFew(what: String, minimum: Int, found: Int)
    /// Two lists that must be equally long were not.
    case countMismatch(inputs: Int, targets: Int)
    /// A width, inverse width or temperature was not a finite number greater than 0.
    case invalidParameter(name: String, value: Double)
    /// An input, a target or a weight was not a finite number.
    case nonFinite(what: String, index: Int)
    /// A row of weights was empty, had a negative entry or did not sum to 1.
    case notADistribution(row: Int)

    public var description: String {
        switch self {
        case .tooFew(let what, let minimum, let found): "this needs at least \(minimum) \(what), not \(found)"
        case .countMismatch(let inputs, let targets): "there are \(inputs) inputs but \(targets) targets"
        case .invalidParameter(let name, let value): "\(name) must be a finite number greater than 0, not \(value)"
        case .nonFinite(let what, let index): "\(what) \(index) is not a finite number"
        case .notADistribution(let row): "row \(row) is not a list of nonnegative weights summing to 1"
        }
    }
}
