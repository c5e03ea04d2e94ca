/// Why a function of §11.2's exercises refused its input. Each description is one line saying what was wrong.
public enum KernelExerciseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two lists that must be aligned have different lengths (`what` names them).
    case countMismatch(what: String, expected: Int, found: Int)
    /// A point with a different number of coordinates than the first one (or none at all).
    case dimensionMismatch(index: Int, expected: Int, found: Int)
    /// A class label that is neither +1 nor −1.
    case invalidLabel(index: Int, value: Int)
    /// A parameter (a width, w, a learning rate, a scale…) outside its valid range, which `requirement` states.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// A list with fewer entries than the computation needs.
    case tooFewPoints(needed: Int, found: Int)
    /// An index outside 0..<count.
    case indexOutOfRange(index: Int, count: Int)
    /// A coordinate or value that is NaN or infinite.
    case nonFinite(index: Int)
    /// A vector of length 0, which has no direction and so no point on the unit sphere.
    case zeroVector(index: Int)

    /// One line saying what was wrong.
    public var description: String {
        switch self {
        case .countMismatch(let what, let expected, let found): "expected \(expected) \(what), found \(found)"
        case .dimensionMismatch(let index, let expected, let found):
            "point \(index) has \(found) coordinates, expected \(expected) (at least 1)"
        case .invalidLabel(let index, let value): "label \(index) is \(value); labels must be +1 or -1"
        case .invalidParameter(let name, let value, let requirement): "\(name) must be \(requirement), not \(value)"
        case .tooFewPoints(let needed, let found): "this needs at least \(needed) points, found \(found)"
        case .indexOutOfRange(let index, let count): "index \(index) is outside 0..<\(count)"
        case .nonFinite(let index): "entry \(index) has a value that is NaN or infinite"
        case .zeroVector(let index): "vector \(index) is zero, so it has no direction to put on the unit sphere"
        }
    }
}

/// The common dimension d ≥ 1 of `points`, after checking that there is at least one point, that all have d
/// coordinates and that every coordinate is finite. Shared input checking for §11.2's exercises (not a solution).
func checkedDimension(of points: [[Double]]) throws(KernelExerciseError) -> Int {
    guard let d = points.first?.count else { throw .tooFewPoints(needed: 1, found: 0) }
    for (index, point) in points.enumerated() {
        guard point.count == d, d > 0 else { throw .dimensionMismatch(index: index, expected: d, found: point.count) }
        guard point.allSatisfy(\.isFinite) else { throw .nonFinite(index: index) }
    }
    return d
}

/// Throws unless `value` is a finite number greater than 0 (`name` says which parameter it is).
func checkPositive(_ value: Double, _ name: String) throws(KernelExerciseError) {
    guard value > 0, value.isFinite else {
        throw .invalidParameter(name: name, value: value, requirement: "a finite number greater than 0")
    }
}
