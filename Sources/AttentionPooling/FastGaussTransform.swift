/// Gaussian Nadaraya–Watson estimates f(q) = Σ K(q, kᵢ) vᵢ / Σ K(q, kᵢ), K = exp(−(q − k)²/(2σ²)), for
/// one-dimensional keys at scale, with a proven error bound: a fast Gauss transform.
///
/// Method (`FastGaussGrid`: the fast Gauss transform of Greengard and Strain 1991, Hermite moments translated to
/// local Taylor expansions, in one dimension). In units of h = √2·σ, K = exp(−(y − x)²). The keys are counted into a
/// fixed grid of boxes of side σ/2 (L = 1/(2√2) units; no sort), and with D = cᵢ − cⱼ the distance between a target
/// box's centre and a source box's, s = x − cⱼ and t = y − cᵢ (|2s|, |2t| ≤ L),
///
///     exp(−(D + t − s)²) = Σ_{a,b ≥ 0} s^a/a! · (−t)^b/b! · h_{a+b}(D),   h_m(x) = H_m(x)·e^{−x²},
///
/// with H_m the Hermite polynomials (Taylor's series of e^{−z²} about D, in z − D = t − s). Each source box reduces
/// to p moments M_a = Σ s^a/a! · {1, v} (polynomials only, no exp per key); each target box that holds a query sums
/// C_b = (−1)^b/b! · Σ_j Σ_{a<p} M_a(j)·h_{a+b}(D_ij) over the source boxes within J boxes, and a query evaluates one
/// pair of polynomials Σ_{b<p} C_b t^b. Leave-one-out, the width's derivatives (`LeaveOneOutWidth`), and keys too
/// sparse for a grid (more boxes than max(4096, (n + m)/64)) or whose span overflows take `FastGaussPlan` instead
/// (sorted keys, source-side Taylor expansions; its bound is in its documentation).
///
/// Error bound, for tolerance ε (the guarantee |f̃(q) − f(q)| ≤ ε · max|vᵢ|, plus rounding). Let W be a near query's
/// kept weight Σ K. W ≥ e^{−G} (G = 7: its nearest key, within √G units, is kept), and
/// W ≥ W_i = Σ_{|i−j|≤J} n_j·e^{−((|i−j|+1)L)²} over target box i (n_j keys in box j, none farther than that):
/// - Truncation: the keys more than J boxes away are at least J·L units away. With J₀ = ⌈√G/L⌉ + 1 (so that a near
///   query's nearest key is kept) and N_i the keys more than J₀ boxes from target box i, J ≥ J₀ is the smallest with
///   N_i·e^{−(JL)²} ≤ ε/4 · max(e^{−G}, W_i at reach J₀) for every target box i that holds a query, so the keys left
///   out hold at most ε/4 of the kept weight and |f_kept − f| ≤ 2·(ε/4)·max|v|.
/// - Expansion: Cramér's inequality |H_m(x)|·e^{−x²/2} ≤ k·2^{m/2}·√(m!) (k < 1.0865) and (a + b)! ≤ 2^{a+b}·a!·b!
///   bound each dropped term (a ≥ p or b ≥ p) by k·e^{−D²/2}·L^{a+b}/√(a!·b!), so a key's truncation error is at
///   most η_p·e^{−D²/2}, η_p = 2k·φ(L)·τ_p(L), φ(u) = Σ u^a/√(a!), τ_p(u) = Σ_{a≥p} u^a/√(a!) ≤ u^p/√(p!) /
///   (1 − u/√(p + 1)). Each sum (Σ K and Σ K·v/max|v|) is then off by at most η_p·Z_i, with
///   Z_i = Σ_{|i−j|≤J} n_j·e^{−D_ij²/2};
///   p is the smallest with η_p·Z_i ≤ ε/5 · max(e^{−G}, W_i) for every target box i that holds a query, and the ratio
///   f̃ = Ñ/W̃ is off by at most 2(ε/5)/(1 − ε/5)·max|v| < (ε/2)·max|v|.
///   (At n = 10⁶ uniform keys on [0, 5], Silverman's σ, ε = 1e-10: J = 16 boxes, 8σ, and p = 14.)
/// - Far queries: a query whose nearest key is more than √G ≈ 2.6 units (3.7σ) away, where Σ K may even underflow,
///   is answered by the dense engine (log space, online softmax: exact to rounding, never 0/0), all such queries in
///   one call on every core. Whether a key lies within √G units of q is decided exactly from the boxes' smallest and
///   largest keys (a box is shorter than the interval, so if any of its keys is inside, one of those two is).
/// Rounding: keys and queries are measured from the smallest key, so their positions round alike (to about
/// n_boxes·L·10⁻¹⁶ units). The sums round to about 10⁻¹⁶·φ(L)²·Z_i/W relative: Z_i/W is about 4 on uniform keys
/// (the benchmark measures 3e-14 against the dense engine), and large (up to about e^{G/2}·√n·e^{2DL}, 10⁵–10⁶ at
/// n = 10⁶) only for a query beside a lone key with a crowd of keys just beyond it, D units away: 3e-12 measured
/// for queries within 3.7σ of a lone key with 10⁶ keys 5σ to 9σ away.
///
/// The order and reach are the largest any target box that holds a query needs, so a query's estimate can differ
/// (within the bound) between batches of queries; for one batch it is the same bits on every run with any number of
/// cores (fixed chunks, added in order).
///
/// - Complexity: O(n·p) to count the keys into boxes and build their moments (two passes over the keys, on every
///   core), O(p²·J) per target box that holds a query, then O(p) per query, on every core; far queries O(n) each in
///   the dense engine.
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
        let blockCount = (queries.count + blockSize - 1) / blockSize
        let blocks = onEveryCore(blockCount) { b -> (estimates: [Double], far: [Int]) in
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
