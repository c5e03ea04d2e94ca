// Exercise 11.2.4: consistency — how fast the width should shrink as n grows, in d = 1, 2, 3.
//
// The experiment: inputs uniform on the cube [−3, 3]^d, the truth f(x) = Σ_j sin x_j, labels f(xᵢ) + ε with noise
// ε ~ N(0, 0.5²), Gaussian Nadaraya–Watson regression of width h, judged at test points in the inner cube
// [−1.5, 1.5]^d (far enough from the faces that the edges do not bias the estimate).

import AttentionPooling
import Foundation

/// The width schedule h(n) = c · n^(−1/(d+4)) for n ≥ 1 training points in dimension d ≥ 1 with scale c > 0 (finite).
public func shrinkingWidth(samples n: Int, dimension d: Int, scale c: Double) throws -> Double {
    // BEGIN SOLUTION
    guard n >= 1 else { throw KernelExerciseError.tooFewPoints(needed: 1, found: n) }
    guard d >= 1 else {
        throw KernelExerciseError.invalidParameter(name: "the dimension", value: Double(d), requirement: "1 or more")
    }
    try checkPositive(c, "the scale c")
    return c * pow(Double(n), -1 / Double(d + 4))
    // END SOLUTION
}

/// The mean squared error of one (d, n, h) setting, split into squared bias and variance.
public struct ConsistencyMeasurement: Sendable, Equatable {
    /// The average over test points and repetitions of (Σᵢ αᵢ(q) f(xᵢ) − f(q))²: how far the estimate is from the
    /// truth on average over the noise.
    public let squaredBias: Double
    /// The average of 0.5² · Σᵢ αᵢ(q)²: the variance of the estimate that the label noise causes.
    public let variance: Double

    /// A measurement; both parts are ≥ 0.
    public init(squaredBias: Double, variance: Double) {
        self.squaredBias = squaredBias
        self.variance = variance
    }

    /// The expected squared error, squared bias + variance.
    public var meanSquaredError: Double { squaredBias + variance }
}

/// Measures Nadaraya–Watson's expected squared error in dimension d ≥ 1 with n ≥ 1 training points and width h > 0.
///
/// Draws, in this order, from one `SeededGenerator(seed: seed)`: `testPoints` (≥ 1) test points, then for each of
/// `repetitions` (≥ 1) a fresh training set of n inputs; a point's coordinates come one after the other as
/// −1.5 + 3u (test points) or −3 + 6u (inputs) with u = `generator.uniform()`. Nothing else is random: for the
/// attention weights αᵢ(q) of a test point q, the squared error averaged over the label noise is exactly
/// (Σᵢ αᵢ f(xᵢ) − f(q))² + 0.5² Σᵢ αᵢ², so no labels are drawn (this removes most of the experiment's own noise).
/// Returns both parts averaged over all test points and repetitions. You may use `NadarayaWatson` for the weights.
public func consistencyMeasurement(dimension d: Int, samples n: Int, width h: Double, testPoints: Int,
                                   repetitions: Int, seed: UInt64) throws -> ConsistencyMeasurement {
    // BEGIN SOLUTION
    guard n >= 1 else { throw KernelExerciseError.tooFewPoints(needed: 1, found: n) }
    for (name, count) in [("the dimension", d), ("the number of test points", testPoints),
                          ("the number of repetitions", repetitions)] where count < 1 {
        throw KernelExerciseError.invalidParameter(name: name, value: Double(count), requirement: "1 or more")
    }
    try checkPositive(h, "the width h")
    let truth = { (x: [Double]) in x.reduce(0.0) { $0 + sin($1) } }
    var generator = SeededGenerator(seed: seed)
    let queries = (0..<testPoints).map { _ in (0..<d).map { _ in -1.5 + 3 * generator.uniform() } }
    let pooling = try NadarayaWatson(kernel: .gaussian, width: .scalar(h))
    var (bias, variance) = (0.0, 0.0)
    for _ in 0..<repetitions {
        let inputs = (0..<n).map { _ in (0..<d).map { _ in -3 + 6 * generator.uniform() } }
        let pooled = try pooling.pool(queries: queries, keys: inputs, values: inputs.map { [truth($0)] })
        for (index, query) in queries.enumerated() {
            // The Gaussian reaches every key, so a row is nil only if the inputs were not finite.
            guard let estimate = pooled.estimates[index], let weights = pooled.weights[index] else {
                throw KernelExerciseError.nonFinite(index: index)
            }
            bias += (estimate - truth(query)) * (estimate - truth(query))
            variance += 0.25 * weights.reduce(0.0) { $0 + $1 * $1 }
        }
    }
    let count = Double(testPoints * repetitions)
    return ConsistencyMeasurement(squaredBias: bias / count, variance: variance / count)
    // END SOLUTION
}

/// The least-squares slope of log y on log x: the exponent b of the power law y ≈ a · x^b that fits best on a
/// log–log plot. Needs at least two points, every x and y finite and > 0, and not all x equal.
public func logLogSlope(xs: [Double], ys: [Double]) throws -> Double {
    // BEGIN SOLUTION
    guard xs.count == ys.count else {
        throw KernelExerciseError.countMismatch(what: "ys", expected: xs.count, found: ys.count)
    }
    guard xs.count >= 2 else { throw KernelExerciseError.tooFewPoints(needed: 2, found: xs.count) }
    for (index, (x, y)) in zip(xs, ys).enumerated() where !(x > 0 && y > 0 && x.isFinite && y.isFinite) {
        throw KernelExerciseError.invalidParameter(name: "point \(index)'s smaller coordinate", value: min(x, y),
                                                   requirement: "finite and greater than 0")
    }
    let (u, v) = (xs.map { log($0) }, ys.map { log($0) })
    let (meanU, meanV) = (u.reduce(0, +) / Double(u.count), v.reduce(0, +) / Double(v.count))
    let spread = u.reduce(0.0) { $0 + ($1 - meanU) * ($1 - meanU) }
    guard spread > 0 else {
        throw KernelExerciseError.invalidParameter(name: "the spread of log x", value: spread,
                                                   requirement: "greater than 0 (not all x equal)")
    }
    return zip(u, v).reduce(0.0) { $0 + ($1.0 - meanU) * ($1.1 - meanV) } / spread
    // END SOLUTION
}
