#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

private func _log(_ x: Double) -> Double { log(x) }

/// Widths for a one-dimensional Gaussian kernel chosen by a rule instead of by hand or by gradient descent, a
/// Nadaraya–Watson estimator with one width per key, and the leave-one-out error that compares them all.
///
/// All widths here are σ's (w = 1/σ in `WidthObjective`). The kernel of key i is the book's Gaussian with that key's
/// own width, α(q, kᵢ) = exp(−½((q − kᵢ)/hᵢ)²), *not* divided by hᵢ: a key's weight is at most 1 whatever its width,
/// as for every kernel of (11.2.1), and equal widths give exactly `NadarayaWatson` with `.gaussian`.
public enum BandwidthRules {
    /// Silverman's rule of thumb (Density Estimation, 1986, (3.31)): h = 0.9 · min(σ̂, IQR/1.34) · n^(−1/5).
    ///
    /// σ̂ is the sample standard deviation (divisor n − 1); IQR = Q(0.75) − Q(0.25) with `quantile(sorted:_:)`'s
    /// linear interpolation (type 7, numpy's default). When the IQR is 0 but σ̂ is not (more than half the points
    /// tied), σ̂ alone is used, as R's `bw.nrd0` does.
    ///
    /// Example: [1, 2, 3, 4, 10] has σ̂ = 3.536, IQR = 2, so h = 0.9 · 1.4925 · 5^(−0.2) = 0.9736.
    /// - Throws: fewer than 2 points, a point that is not finite, or all points equal (no spread).
    public static func silverman(_ sample: [Double]) throws(BandwidthError) -> Double {
        guard sample.count >= 2 else { throw .tooFewPoints(needed: 2, found: sample.count) }
        if let index = sample.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: "point", index: index) }
        let n = Double(sample.count)
        let mean = sample.reduce(0, +) / n
        let deviation = (sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        let sorted = sample.sorted()
        let quartileSpread = (quantile(sorted: sorted, 0.75) - quantile(sorted: sorted, 0.25)) / 1.34
        guard deviation > 0 else { throw .noSpread }
        let spread = quartileSpread > 0 ? min(deviation, quartileSpread) : deviation
        return 0.9 * spread * _pow(n, -0.2)
    }

    /// The p-quantile of an ascending, non-empty sample by linear interpolation between order statistics
    /// (Hyndman and Fan's type 7, numpy's and R's default): with h = (n − 1) p and 0-based order statistics,
    /// Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). p is clamped to [0, 1]; an empty sample gives NaN.
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Double(sorted.count - 1) * min(max(p, 0), 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }

    /// Abramson's square-root law (Annals of Statistics, 1982): a width per key that grows where keys are sparse.
    ///
    /// A pilot density f̂(x) ∝ Σ_m exp(−½((x − k_m)/h)²) with the global `pilotWidth` h (the key itself included), its
    /// geometric mean g over the keys, and hᵢ = h · (f̂(kᵢ)/g)^(−1/2). The density's normalising constant cancels in
    /// the ratio, so f̂ is computed unnormalised, in log space (no underflow for tiny h). The widths' geometric mean
    /// is h.
    ///
    /// - Throws: no keys, a key that is not finite, or a pilot width that is not a finite number > 0.
    /// - Complexity: O(n²).
    public static func abramson(keys: [Double], pilotWidth h: Double) throws(BandwidthError) -> [Double] {
        guard !keys.isEmpty else { throw .tooFewPoints(needed: 1, found: 0) }
        if let index = keys.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: "key", index: index) }
        guard h > 0, h.isFinite else { throw .invalidWidth(index: 0, value: h) }
        let logDensity = keys.map { x in
            logSumExp(keys.map { k in -0.5 * ((x - k) / h) * ((x - k) / h) })
        }
        let logGeometricMean = logDensity.reduce(0, +) / Double(keys.count)
        return logDensity.map { h * _exp(-0.5 * ($0 - logGeometricMean)) }
    }

    /// The k-nearest-neighbour rule: hᵢ is the distance from key i to its `neighbours`-th nearest other key, so
    /// each key's kernel reaches about that many neighbours at one width.
    ///
    /// - Throws: a key that is not finite, `neighbours` outside 1...n − 1, or a zero distance (more than
    ///   `neighbours` keys at one point).
    /// - Complexity: O(n² log n).
    public static func nearestNeighbour(keys: [Double], neighbours: Int) throws(BandwidthError) -> [Double] {
        if let index = keys.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: "key", index: index) }
        guard neighbours >= 1, neighbours < keys.count else {
            throw .invalidNeighbourCount(neighbours: neighbours, keys: keys.count)
        }
        var widths: [Double] = []
        for (i, key) in keys.enumerated() {
            let distances = keys.indices.filter { $0 != i }.map { abs(keys[$0] - key) }.sorted()
            guard distances[neighbours - 1] > 0 else { throw .coincidentKeys(index: i) }
            widths.append(distances[neighbours - 1])
        }
        return widths
    }

    // snippet: key-widths
    /// Gaussian Nadaraya–Watson with key i's own width hᵢ: f(q) = Σᵢ αᵢ vᵢ / Σᵢ αᵢ, αᵢ = exp(−½((q − kᵢ)/hᵢ)²),
    /// in log space (logits shifted by their maximum), so a tiny width gives the most similar key, never 0/0.
    ///
    /// - Parameters: n ≥ 1 keys with n values and n widths (finite, > 0); with `leaveOneOut`, query i skips key i,
    ///   which needs the queries to be the keys and n ≥ 2. Every estimate is defined: the Gaussian reaches everywhere.
    /// - Throws: `BandwidthError` for empty or mismatched inputs, non-finite numbers or widths ≤ 0.
    /// - Complexity: O(m·n) for m queries.
    public static func poolWithKeyWidths(queries: [Double], keys: [Double], values: [Double], widths: [Double],
                                         leaveOneOut: Bool = false) throws(BandwidthError) -> [Double] {
        try validate(queries: queries, keys: keys, values: values, widths: widths, leaveOneOut: leaveOneOut)
        return queries.enumerated().map { n, q in
            let others = keys.indices.filter { !(leaveOneOut && $0 == n) }
            let logits = others.map { i in -0.5 * ((q - keys[i]) / widths[i]) * ((q - keys[i]) / widths[i]) }
            let largest = logits.max() ?? 0
            let weights = logits.map { _exp($0 - largest) }
            let total = weights.reduce(0, +)
            return zip(weights, others).reduce(0.0) { $0 + $1.0 * values[$1.1] } / total
        }
    }
    // end snippet

    /// The leave-one-out mean squared error (1/n) Σ_n (f₋ₙ(kₙ) − vₙ)² of `poolWithKeyWidths` with these widths: how
    /// well each training label is predicted from the others. For equal widths σ it is L(1/σ)/n of the
    /// leave-one-out `WidthObjective`. Needs n ≥ 2; throws as `poolWithKeyWidths` does.
    public static func leaveOneOutError(keys: [Double], values: [Double], widths: [Double])
        throws(BandwidthError) -> Double
    {
        let fitted = try poolWithKeyWidths(queries: keys, keys: keys, values: values, widths: widths, leaveOneOut: true)
        return zip(fitted, values).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(values.count)
    }

    /// `leaveOneOutError` with one width σ for every key.
    public static func leaveOneOutError(keys: [Double], values: [Double], width sigma: Double)
        throws(BandwidthError) -> Double
    {
        try leaveOneOutError(keys: keys, values: values, widths: [Double](repeating: sigma, count: keys.count))
    }

    private static func validate(queries: [Double], keys: [Double], values: [Double], widths: [Double],
                                 leaveOneOut: Bool) throws(BandwidthError) {
        guard !keys.isEmpty else { throw .tooFewPoints(needed: 1, found: 0) }
        for (role, count) in [("values", values.count), ("widths", widths.count)] where count != keys.count {
            throw .countMismatch(role: role, expected: keys.count, found: count)
        }
        if leaveOneOut {
            guard keys.count >= 2 else { throw .tooFewPoints(needed: 2, found: keys.count) }
            guard queries.count == keys.count else {
                throw .countMismatch(role: "leave-one-out queries", expected: keys.count, found: queries.count)
            }
        }
        for (role, numbers) in [("query", queries), ("key", keys), ("value", values)] {
            if let index = numbers.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: role, index: index) }
        }
        if let index = widths.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw .invalidWidth(index: index, value: widths[index])
        }
    }

    /// log Σᵢ exp(xᵢ) for a non-empty list of finite numbers, shifted by the maximum so nothing overflows.
    private static func logSumExp(_ logits: [Double]) -> Double {
        let largest = logits.max() ?? 0
        return largest + _log(logits.reduce(0) { $0 + _exp($1 - largest) })
    }
}

/// Why a bandwidth rule or the per-key estimator refused its inputs. Each description is one line.
public enum BandwidthError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewPoints(needed: Int, found: Int)
    case noSpread
    case nonFinite(role: String, index: Int)
    case countMismatch(role: String, expected: Int, found: Int)
    case invalidWidth(index: Int, value: Double)
    case invalidNeighbourCount(neighbours: Int, keys: Int)
    case coincidentKeys(index: Int)

    public var description: String {
        switch self {
        case .tooFewPoints(let needed, let found): "this needs at least \(needed) points, not \(found)"
        case .noSpread: "all points are equal, so they have no spread to set a width from"
        case .nonFinite(let role, let index): "\(role) \(index) is not a finite number"
        case .countMismatch(let role, let expected, let found): "there are \(expected) keys but \(found) \(role)"
        case .invalidWidth(let index, let value): "width \(index) must be a finite number greater than 0, not \(value)"
        case .invalidNeighbourCount(let neighbours, let keys):
            "the neighbour count must be between 1 and \(keys - 1) for \(keys) keys, not \(neighbours)"
        case .coincidentKeys(let index):
            "key \(index) shares its point with too many keys for a nearest-neighbour width"
        }
    }
}
