/// Widths for a one-dimensional kernel chosen by a rule instead of by hand or by gradient descent: one global
/// width (Silverman) or one per key (Abramson), to use as `Width.scalar` or `Width.perKey`.
///
/// All widths here are σ's (w = 1/σ in `WidthObjective`). Compare them with `NadarayaWatson.leaveOneOutError`.
public enum BandwidthRules {
    /// Silverman's rule of thumb (Density Estimation, 1986, (3.31)): h = 0.9 · min(σ̂, IQR/1.34) · n^(−1/5).
    ///
    /// σ̂ is the sample standard deviation (divisor n − 1); IQR = Q(0.75) − Q(0.25) with `quantile(sorted:_:)`'s
    /// linear interpolation (type 7, numpy's default). When the IQR is 0 but σ̂ is not (more than half the points
    /// tied), σ̂ alone is used, as R's `bw.nrd0` does.
    ///
    /// Example: [1, 2, 3, 4, 10] has σ̂ = 3.536, IQR = 2, so h = 0.9 · 1.4925 · 5^(−0.2) = 0.9736.
    /// - Throws: fewer than 2 points, a point that is not finite, or all points equal (no spread).
    public static func silverman(_ sample: [Double]) throws(AttentionPoolingError) -> Double {
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
    public static func abramson(keys: [Double], pilotWidth h: Double) throws(AttentionPoolingError) -> [Double] {
        guard !keys.isEmpty else { throw .noKeys }
        if let index = keys.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: "key", index: index) }
        try validateWidth(h)
        let logDensity = keys.map { x in
            logSumExp(keys.map { k in -0.5 * ((x - k) / h) * ((x - k) / h) })
        }
        let logGeometricMean = logDensity.reduce(0, +) / Double(keys.count)
        return logDensity.map { h * _exp(-0.5 * ($0 - logGeometricMean)) }
    }

    /// log Σᵢ exp(xᵢ) for a non-empty list of finite numbers, shifted by the maximum so nothing overflows.
    private static func logSumExp(_ logits: [Double]) -> Double {
        let largest = logits.max() ?? 0
        return largest + _log(logits.reduce(0) { $0 + _exp($1 - largest) })
    }
}
