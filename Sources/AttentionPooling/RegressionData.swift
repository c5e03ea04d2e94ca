/// A one-dimensional regression problem: training pairs (the keys and values) and validation inputs (the queries),
/// with the noise-free truth at the validation inputs when it is known.
public struct RegressionData: Sendable, Equatable {
    /// Training inputs xᵢ, sorted ascending (so attention matrices show keys in order).
    public let trainingInputs: [Double]
    /// Noisy training labels yᵢ, aligned with `trainingInputs`.
    public let trainingTargets: [Double]
    /// Validation inputs, the queries of the figures.
    public let validationInputs: [Double]
    /// The noise-free function at `validationInputs`, or nil when unknown (a user's own data).
    public let validationTruth: [Double]?

    /// Builds the data; training pairs are sorted by input (stable, so ties keep their order).
    public init(trainingInputs: [Double], trainingTargets: [Double], validationInputs: [Double],
                validationTruth: [Double]?) {
        let order = trainingInputs.indices.sorted { (trainingInputs[$0], $0) < (trainingInputs[$1], $1) }
        self.trainingInputs = order.map { trainingInputs[$0] }
        self.trainingTargets = order.map { trainingTargets[$0] }
        self.validationInputs = validationInputs
        self.validationTruth = validationTruth
    }
}

extension RegressionData {
    /// At most `limit` training pairs, evenly spread over the sorted inputs (every ⌈n/limit⌉-th pair, starting with the
    /// first), for computations that cost n² (learning a width, an explorer of a hundred attention matrices).
    /// The queries and the truth stay. All the pairs when n ≤ limit; limit must be ≥ 1.
    public func thinned(toAtMost limit: Int) -> RegressionData {
        let n = trainingInputs.count
        guard n > limit, limit >= 1 else { return self }
        let step = (n + limit - 1) / limit
        let kept = Array(stride(from: 0, to: n, by: step))
        return RegressionData(trainingInputs: kept.map { trainingInputs[$0] }, trainingTargets: kept.map { trainingTargets[$0] },
                              validationInputs: validationInputs, validationTruth: validationTruth)
    }

    /// Consecutive groups of the sorted training pairs, at most `limit` of them and as equal in size as possible:
    /// one pair per group when n ≤ limit. The columns of an attention matrix too wide to draw key by key.
    public func keyGroups(atMost limit: Int) -> [Range<Int>] {
        let n = trainingInputs.count
        let count = max(1, min(n, limit))
        return (0..<count).map { g in (g * n / count)..<((g + 1) * n / count) }
    }
}

/// The chapter's synthetic data, D2L (11.2.3): y = 2 sin x + x + ε with ε ~ N(0, 1).
public enum SineRegression {
    /// The noise-free function f(x) = 2 sin x + x.
    public static func truth(_ x: Double) -> Double { 2 * _sin(x) + x }

    /// The validation inputs 0, 0.1, …, 4.9 (50 points, each computed as i/10 so no rounding accumulates).
    public static let validationInputs: [Double] = (0..<50).map { Double($0) / 10 }

    /// `samples` training inputs uniform on [0, 5), sorted, with labels f(x) + ε; the validation inputs with f.
    ///
    /// Draw order, fixed so that a seed means the same data everywhere: first `samples` uniforms (times 5),
    /// then the inputs are sorted, then one standard normal per sorted input. The sine comes from the platform's
    /// maths library, which in rare cases may differ in the last bit between platforms; the random draws never do.
    public static func generate(samples: Int = 40, seed: UInt64) -> RegressionData {
        var generator = SeededGenerator(seed: seed)
        let inputs = (0..<max(samples, 0)).map { _ in 5 * generator.uniform() }.sorted()
        let targets = inputs.map { truth($0) + generator.standardNormal() }
        return RegressionData(
            trainingInputs: inputs, trainingTargets: targets,
            validationInputs: validationInputs, validationTruth: validationInputs.map(truth))
    }
}

/// The mean squared error of the defined estimates against the truth, and how many estimates were undefined.
///
/// Undefined estimates (nil) are left out of the mean and counted instead, so a kernel that cannot answer some
/// queries is not rewarded or punished by a made-up number. The mean is nil when no estimate is defined.
/// `estimates` and `truth` are aligned; extra entries of the longer one are ignored.
public func meanSquaredError(estimates: [Double?], truth: [Double]) -> (mean: Double?, undefined: Int) {
    var sum = 0.0
    var defined = 0
    var undefined = 0
    for (estimate, target) in zip(estimates, truth) {
        guard let estimate else {
            undefined += 1
            continue
        }
        sum += (estimate - target) * (estimate - target)
        defined += 1
    }
    return (defined > 0 ? sum / Double(defined) : nil, undefined)
}
