/// The sums one query's Gaussian estimate needs, over the keys it attends to, all scaled by one common positive
/// factor (so only their ratios mean anything): Σ K, Σ K·v, Σ K·u² and Σ K·u²·v, with K = exp(−u²/2) and
/// u = (q − k)/σ. The last two are 0 unless the plan was built with `derivatives`.
struct GaussSums: Sendable {
    var weight = 0.0
    var value = 0.0
    var square = 0.0
    var squareValue = 0.0
}

/// The sorted-key plan of the fast Gauss transform: `FastGaussTransform` uses it for leave-one-out and for keys too
/// sparse for `FastGaussGrid`, and `LeaveOneOutWidth` for the width's derivatives. The guarantee is the same:
/// |f̃(q) − f(q)| ≤ ε·max|vᵢ|, plus rounding.
///
/// Method (the source-side Taylor expansion of the improved fast Gauss transform, Yang, Duraiswami and Gumerov
/// 2003, in one dimension). In units of h = √2·σ, K = exp(−(y − x)²). The sorted keys are grouped into boxes of
/// side σ (half-width r = 1/(2√2) units) with centres c; with s = x − c and t = y − c,
///
///     exp(−(t − s)²) = e^{−t²} · e^{−s²} · Σ_{j<p} (2ts)^j / j!  +  remainder,
///
/// so a box's keys reduce to p moments A_j = Σ e^{−s²} (2s)^j / j! · {1, v}, built once, and a query evaluates each
/// box within reach with two polynomials in t. Boxes with fewer than p/4 keys are summed directly.
///
/// Error bound, for tolerance ε:
/// - Truncation: a query q whose nearest key is d units away attends to the boxes within R = √(R₀² + d²) units,
///   R₀² = log(4n/ε). A key left out weighs at most e^{−R²} = (ε/4n)·e^{−d²}, and the nearest key, kept, weighs
///   e^{−d²}, so the n keys left out hold at most ε/4 of the kept weight: |f_kept − f| ≤ 2·(ε/4)·max|v|.
/// - Expansion: with a = |2ts| ≤ 2rT, the remainder of e^{2ts} is at most a^p/p! / (1 − a/(p + 1)), and relative to
///   the exact term e^{−(t−s)²} at most ρ = a^p/p! · e^a / (1 − a/(p + 1)). The order p is the smallest with
///   ρ ≤ ε/4, for T = √(R₀² + log G) + r the farthest box centre any query expands (G = e⁷). Each sum then has
///   relative error ≤ ρ, and the ratio f̃ = Ñ/D̃ is off by at most 2ρ/(1 − ρ)·max|v|.
///   (At n = 10⁶, ε = 1e-10: R₀ ≈ 6.2 units, about 8.7σ, and p ≈ 36.)
/// - Far queries: a query whose nearest key is more than √(log G) ≈ 2.6 units (3.7σ) away is answered by the dense
///   engine (`FastGaussTransform`). With leave-one-out (where the queries are the keys) it is summed exactly in log
///   space over the keys within R units instead: the nearest key gets weight 1 and the others exp(d² − dᵢ²).
/// - Leave-one-out: the query's own key (K(0) = 1) is subtracted from its box's expansion. Its neighbours then weigh
///   at least 1/G (nearer than √(log G) units, or the query takes the exact path), so the order is chosen with
///   ρ·(1 + G) ≤ ε/4 and the bound holds relative to the remaining weight.
/// Rounding in the polynomials adds about 1e-13 relative in practice (measured against the dense path).
///
/// - Complexity: O(n) to sort (a radix sort) and O(n·p) to build, then O(p·R/r) per query (about 20 boxes).
struct FastGaussPlan: Sendable {
    /// A query whose nearest counted key is more than √(log G) units away takes the exact path; G also bounds how
    /// much leaving the query's own key out can magnify the relative error (see `FastGaussTransform`).
    static let nearLimitSquared = 7.0
    /// Box side in widths σ.
    static let boxSideInWidths = 1.0

    let sample: SortedSample
    let unit: Double
    let order: Int
    let radiusSquared: Double
    let derivatives: Bool
    /// Box b holds the sorted keys boxStart[b]..<boxStart[b + 1]; its first and last key and its centre.
    let boxStart: [Int]
    let boxLow: [Double]
    let boxHigh: [Double]
    let boxCentre: [Double]
    /// Where box b's moments start in `moments`, or −1 for a box evaluated directly (too few keys to expand).
    let momentOffset: [Int]
    let moments: [Double]

    /// The number of moment series per box: Σ s^j e^{−s²}·{1, v} and, with derivatives, the same times s and s².
    var series: Int { derivatives ? 6 : 2 }

    /// Builds the boxes and their Taylor moments. `tolerance` ε in [1e-15, 0.1]; validated by the caller.
    init(sample: SortedSample, width sigma: Double, tolerance: Double, leaveOneOut: Bool, derivatives: Bool) {
        let unit = sigma * 2.0.squareRoot()
        let side = FastGaussPlan.boxSideInWidths * sigma
        let radiusSquared = _log(4 * Double(sample.keys.count) / tolerance)
        let order = FastGaussPlan.expansionOrder(
            radiusSquared: radiusSquared, halfSide: side / 2 / unit, tolerance: tolerance, leaveOneOut: leaveOneOut)
        (self.sample, self.unit, self.order, self.radiusSquared, self.derivatives)
            = (sample, unit, order, radiusSquared, derivatives)
        var (starts, lows, highs, centres) = ([Int](), [Double](), [Double](), [Double]())
        var start = 0
        let keys = sample.keys
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end] - keys[start] <= side { end += 1 }
            starts.append(start)
            lows.append(keys[start])
            highs.append(keys[end - 1])
            centres.append(keys[start] + (keys[end - 1] - keys[start]) / 2)
            start = end
        }
        starts.append(keys.count)
        let directLimit = order / 4
        let series = derivatives ? 6 : 2
        var offsets = [Int](repeating: -1, count: lows.count)
        let expanded = lows.indices.filter { starts[$0 + 1] - starts[$0] > directLimit }
        for (k, box) in expanded.enumerated() { offsets[box] = k * series * order }
        // Each expanded box's block of moments on every core, laid end to end in the boxes' order.
        let (boxStarts, boxCentres) = (starts, centres)
        let blocks = onEveryCore(expanded.count) { k -> [Double] in
            let box = expanded[k]
            var block = [Double](repeating: 0, count: series * order)
            for i in boxStarts[box]..<boxStarts[box + 1] {
                let s = (keys[i] - boxCentres[box]) / unit
                let v = sample.values[i]
                var term = _exp(-s * s)  // (2s)^j / j! · e^{−s²}
                for j in 0..<order {
                    block[j] += term
                    block[order + j] += term * v
                    if derivatives {
                        block[2 * order + j] += term * s
                        block[3 * order + j] += term * s * v
                        block[4 * order + j] += term * s * s
                        block[5 * order + j] += term * s * s * v
                    }
                    term *= 2 * s / Double(j + 1)
                }
            }
            return block
        }
        var moments: [Double] = []
        moments.reserveCapacity(expanded.count * series * order)
        for block in blocks { moments += block }
        (boxStart, boxLow, boxHigh, boxCentre, momentOffset, self.moments) = (starts, lows, highs, centres, offsets,
                                                                             moments)
    }

    /// The smallest order p whose truncation bound ρ(p) = a^p/p! · e^a / (1 − a/(p + 1)), a = 2·r·T, meets the
    /// tolerance: ρ ≤ ε/4, or ρ·(1 + G) ≤ ε/4 with leave-one-out. T = √(R² + log G) + r is the farthest a query can
    /// be from the centre of a box it expands.
    static func expansionOrder(radiusSquared: Double, halfSide r: Double, tolerance: Double, leaveOneOut: Bool)
        -> Int
    {
        let reach = (radiusSquared + nearLimitSquared).squareRoot() + r
        let a = 2 * r * reach * (1 + 1e-9)
        let target = tolerance / 4 / (leaveOneOut ? 1 + _exp(nearLimitSquared) : 1)
        var (p, power) = (1, a)  // power = a^p / p!
        while p < 400 {
            if Double(p + 1) > a, power * _exp(a) / (1 - a / Double(p + 1)) <= target { return p }
            p += 1
            power *= a / Double(p)
        }
        return p
    }

    /// The squared distance from q to its nearest counted key, in units √2·σ.
    private func nearestSquared(query q: Double, excluding excluded: Int?) -> Double {
        let keys = sample.keys
        let above = sample.firstIndex { $0 >= q }
        var nearest = Double.infinity
        for i in [above - 2, above - 1, above, above + 1] where i >= 0 && i < keys.count && i != excluded {
            nearest = min(nearest, abs(q - keys[i]) / unit)
        }
        return nearest * nearest
    }

    /// Whether query q is so far from every key that `sums` would add the keys' exact terms one by one.
    func isFar(query q: Double, excluding excluded: Int?) -> Bool {
        !(nearestSquared(query: q, excluding: excluded) <= FastGaussPlan.nearLimitSquared)
    }

    /// The sums for query `q`, leaving out sorted key `excluded` (leave-one-out) if given.
    func sums(query q: Double, excluding excluded: Int?) -> GaussSums {
        let nearestSquared = nearestSquared(query: q, excluding: excluded)
        let reach = (radiusSquared + nearestSquared).squareRoot() * unit
        guard nearestSquared <= FastGaussPlan.nearLimitSquared else {
            return exactSums(query: q, reach: reach, shift: nearestSquared, excluding: excluded)
        }
        var sums = GaussSums()
        let first = boxHigh.partitionPoint { $0 >= q - reach }
        let last = boxLow.partitionPoint { $0 > q + reach }
        for box in first..<last {
            let range = boxStart[box]..<boxStart[box + 1]
            let offset = momentOffset[box]
            guard offset >= 0 else {
                for i in range where i != excluded { accumulate(&sums, q: q, index: i, shift: 0) }
                continue
            }
            let t = (q - boxCentre[box]) / unit
            let scale = _exp(-t * t)
            var (p0, p0v) = (0.0, 0.0)
            var (p1, p1v, p2, p2v) = (0.0, 0.0, 0.0, 0.0)
            if derivatives {
                for j in stride(from: order - 1, through: 0, by: -1) {
                    p0 = p0 * t + moments[offset + j]
                    p0v = p0v * t + moments[offset + order + j]
                    p1 = p1 * t + moments[offset + 2 * order + j]
                    p1v = p1v * t + moments[offset + 3 * order + j]
                    p2 = p2 * t + moments[offset + 4 * order + j]
                    p2v = p2v * t + moments[offset + 5 * order + j]
                }
                // u² = 2(t − s)² = 2(t² − 2ts + s²)
                sums.square += 2 * scale * (t * t * p0 - 2 * t * p1 + p2)
                sums.squareValue += 2 * scale * (t * t * p0v - 2 * t * p1v + p2v)
            } else {
                for j in stride(from: order - 1, through: 0, by: -1) {
                    p0 = p0 * t + moments[offset + j]
                    p0v = p0v * t + moments[offset + order + j]
                }
            }
            sums.weight += scale * p0
            sums.value += scale * p0v
            if let excluded, range.contains(excluded) {  // the query's own key: K(0) = 1
                sums.weight -= 1
                sums.value -= sample.values[excluded]
            }
        }
        return sums
    }

    /// Exact sums over the keys within `reach` of q, each weight multiplied by e^shift (shift = the nearest counted
    /// key's squared distance in units, so that key weighs 1 and nothing underflows).
    private func exactSums(query q: Double, reach: Double, shift: Double, excluding excluded: Int?) -> GaussSums {
        var sums = GaussSums()
        let low = sample.firstIndex { $0 >= q - reach }
        let high = sample.firstIndex { $0 > q + reach }
        for i in low..<high where i != excluded { accumulate(&sums, q: q, index: i, shift: shift) }
        return sums
    }

    /// Adds key i's exact terms, its weight multiplied by e^shift.
    @inline(__always)
    private func accumulate(_ sums: inout GaussSums, q: Double, index i: Int, shift: Double) {
        let d = (q - sample.keys[i]) / unit
        let weight = _exp(shift - d * d)
        let v = sample.values[i]
        sums.weight += weight
        sums.value += weight * v
        if derivatives {
            sums.square += weight * 2 * d * d
            sums.squareValue += weight * 2 * d * d * v
        }
    }
}
