/// Gaussian Nadaraya–Watson estimates f(q) = Σ K(q, kᵢ) vᵢ / Σ K(q, kᵢ), K = exp(−(q − k)²/(2σ²)), for
/// one-dimensional keys at scale, with a proven error bound: a fast Gauss transform.
///
/// Method (the source-side Taylor expansion of the improved fast Gauss transform, Yang, Duraiswami and Gumerov
/// 2003, in one dimension). In units of h = √2·σ, K = exp(−(y − x)²). The sorted keys are grouped into boxes of
/// side σ (half-width r = 1/(2√2) units) with centres c; with s = x − c and t = y − c,
///
///     exp(−(t − s)²) = e^{−t²} · e^{−s²} · Σ_{j<p} (2ts)^j / j!  +  remainder,
///
/// so a box's keys reduce to p moments A_j = Σ e^{−s²} (2s)^j / j! · {1, v}, built once, and a query evaluates a
/// box with two polynomials in t. Boxes with fewer than p/4 keys are summed directly.
///
/// Error bound, for tolerance ε (the guarantee |f̃(q) − f(q)| ≤ ε · max|vᵢ|, plus rounding):
/// - Truncation: a query q whose nearest key is d units away attends to the boxes within R = √(R₀² + d²) units,
///   R₀² = log(4n/ε). A key left out weighs at most e^{−R²} = (ε/4n)·e^{−d²}, and the nearest key, kept, weighs
///   e^{−d²}, so the n keys left out hold at most ε/4 of the kept weight: |f_kept − f| ≤ 2·(ε/4)·max|v|.
/// - Expansion: with a = |2ts| ≤ 2rT, the remainder of e^{2ts} is at most a^p/p! / (1 − a/(p + 1)), and relative to
///   the exact term e^{−(t−s)²} at most ρ = a^p/p! · e^a / (1 − a/(p + 1)). The order p is the smallest with
///   ρ ≤ ε/4, for T = √(R₀² + log G) + r the farthest box centre any query expands (G = e⁷). Each sum then has
///   relative error ≤ ρ, and the ratio f̃ = Ñ/D̃ is off by at most 2ρ/(1 − ρ)·max|v|.
///   (At n = 10⁶, ε = 1e-10: R₀ ≈ 6.2 units, about 8.7σ, and p ≈ 36.)
/// - Far queries: a query whose nearest key is more than √(log G) ≈ 2.6 units (3.7σ) away, where Σ K may even
///   underflow, is answered by the dense engine (log space, online softmax: exact to rounding, never 0/0), all such
///   queries in one call on every core. With leave-one-out (where the queries are the keys) it is summed exactly in
///   log space over the keys within R units instead: the nearest key gets weight 1 and the others exp(d² − dᵢ²).
/// - Leave-one-out: the query's own key (K(0) = 1) is subtracted from its box's expansion. Its neighbours then weigh
///   at least 1/G (nearer than √(log G) units, or the query takes the exact path), so the order is chosen with
///   ρ·(1 + G) ≤ ε/4 and the bound holds relative to the remaining weight.
/// Rounding in the polynomials adds about 1e-13 relative in practice (measured against the dense path).
///
/// - Complexity: O(n) to sort (a radix sort) and O(n·p) to build, then O(p·R/r) per query (about 20 boxes),
///   independent of n when keys are dense, on every core; far queries O(n) each in the dense engine.
public enum FastGaussTransform {
    /// The Gaussian Nadaraya–Watson estimate f(q) at width σ for each query, to within `tolerance` · max|vᵢ|.
    ///
    /// - Parameters:
    ///   - queries: m ≥ 0 finite numbers.
    ///   - keys: n ≥ 1 finite numbers in any order, duplicates allowed.
    ///   - values: n finite numbers, one per key.
    ///   - width: σ, a finite number > 0; any size (tiny widths make every query exact, huge ones one box).
    ///   - tolerance: ε in [1e-15, 0.1]; the default 1e-10 keeps the estimates within 1e-9 of the dense path.
    ///   - leaveOneOut: query i does not attend to key i (needs m = n ≥ 2, the queries being the keys).
    /// - Returns: one estimate per query; NaN where it is undefined, which happens only where every distance
    ///   overflows (keys and queries near ±1.8·10³⁰⁸). `NadarayaWatson.estimates` turns that into nil.
    /// - Throws: `AttentionPoolingError` for a bad width or tolerance, fewer than 2 keys for leave-one-out, or the
    ///   inputs `validateScalarInputs` refuses.
    public static func estimates(queries: [Double], keys: [Double], values: [Double], width: Double,
                                 tolerance: Double = 1e-10, leaveOneOut: Bool = false)
        throws(AttentionPoolingError) -> [Double]
    {
        try validate(queries: queries, keys: keys, values: values, width: width, tolerance: tolerance,
                     leaveOneOut: leaveOneOut)
        if leaveOneOut {
            let plan = FastGaussPlan(sample: SortedSample(keys: keys, values: values), width: width,
                                     tolerance: tolerance, leaveOneOut: true, derivatives: false)
            return onEveryCore(queries.count) { i -> Double in
                let sums = plan.sums(query: queries[i], excluding: plan.sample.position[i])
                return sums.value / sums.weight
            }
        }
        if let grid = FastGaussGrid(queries: queries, keys: keys, values: values, width: width, tolerance: tolerance) {
            return try handOverFarQueries(queries: queries, keys: keys, values: values, width: width,
                                          isFar: grid.isFar, estimate: grid.estimate)
        }
        let plan = FastGaussPlan(sample: SortedSample(keys: keys, values: values), width: width, tolerance: tolerance,
                                 leaveOneOut: false, derivatives: false)
        return try handOverFarQueries(
            queries: queries, keys: keys, values: values, width: width,
            isFar: { plan.isFar(query: $0, excluding: nil) },
            estimate: { let sums = plan.sums(query: $0, excluding: nil); return sums.value / sums.weight })
    }

    /// Queries on every core, in blocks of 1024. A query far from every key would sum the keys' exact terms one by
    /// one: those go to the dense engine together instead (the same sums, eight keys at a time on every core), so a
    /// crowd of far queries costs what the dense engine costs, not m·n calls of the C library's exp.
    private static func handOverFarQueries(
        queries: [Double], keys: [Double], values: [Double], width: Double,
        isFar: @Sendable (Double) -> Bool, estimate: @Sendable (Double) -> Double
    ) throws(AttentionPoolingError) -> [Double] {
        let blockSize = 1024
        let blocks = onEveryCore((queries.count + blockSize - 1) / blockSize) { b -> (estimates: [Double], far: [Int]) in
            var (estimates, far) = ([Double](), [Int]())
            estimates.reserveCapacity(blockSize)
            for i in (b * blockSize)..<min(queries.count, (b + 1) * blockSize) {
                if isFar(queries[i]) {
                    far.append(i)
                    estimates.append(.nan)
                } else {
                    estimates.append(estimate(queries[i]))
                }
            }
            return (estimates, far)
        }
        var estimates: [Double] = []
        estimates.reserveCapacity(queries.count)
        var far: [Int] = []
        for block in blocks {
            estimates += block.estimates
            far += block.far
        }
        if !far.isEmpty {
            let dense = try DenseEngine.estimates(queries: far.map { queries[$0] }, keys: keys, values: values,
                                                  kernel: .gaussian, width: width)
            for (slot, i) in far.enumerated() { estimates[i] = dense[slot] ?? .nan }
        }
        return estimates
    }

    /// The inputs `estimates` and `plan` accept: a valid width and tolerance, and what `validateScalarInputs` accepts.
    static func validate(queries: [Double], keys: [Double], values: [Double], width: Double, tolerance: Double,
                         leaveOneOut: Bool) throws(AttentionPoolingError) {
        try validateWidth(width)
        guard tolerance >= 1e-15, tolerance <= 0.1 else { throw .invalidTolerance(tolerance) }
        try validateScalarInputs(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        if leaveOneOut, keys.count < 2 { throw .tooFewKeysForLeaveOneOut(keys.count) }
    }
}
