/// The Gaussian width chosen by leave-one-out cross-validation on one-dimensional inputs, at scale: the same loss as
/// `WidthObjective(leaveOneOut: true)`, L(w) = Σₙ (f₋ₙ(xₙ) − yₙ)² with σ = 1/w, evaluated through the fast Gauss
/// transform in O(n·p·20) per evaluation instead of O(n²).
///
/// Method: L is scanned on a log-spaced grid of w (8 points a decade, at least 9); every interior local minimum of the
/// grid is refined by solving dL/dθ = 0 (θ = log w) between its two grid neighbours with the Illinois variant of
/// regula falsi, down to a bracket of 1e-11 in θ (golden-section search on L when the gradient does not change sign
/// there); the refined point with the smallest loss wins, unless an end of the grid is lower still, which is then
/// returned as `WidthObjective.gridSearch` does. The gradient comes from the same transform with the extra moments
/// Σ K·u² and Σ K·u²·v (u = (x − k)·w): ∂f/∂θ = −(Σα u² v − f · Σα u²). Solving for the gradient's zero locates the
/// minimiser to about the gradient's relative accuracy, far better than comparing losses, whose differences near
/// the minimum vanish quadratically.
///
/// Accuracy: the transform runs at tolerance 1e-12, so the estimates are within 1e-12·max|y| of the dense ones; the
/// width agrees with the dense grid search and refinement to about 1e-8 relative on well-conditioned data.
public enum LeaveOneOutWidth {
    /// The w = 1/σ in [lower, upper] that minimises the leave-one-out loss, and that loss.
    ///
    /// - Parameters:
    ///   - inputs: n ≥ 2 finite numbers, in any order, duplicates allowed.
    ///   - targets: n finite labels, one per input.
    ///   - lower, upper: the search range of w, finite with 0 < lower < upper.
    /// - Throws: `AttentionPoolingError` for too few pairs, mismatched counts, non-finite inputs or a bad range.
    public static func select(inputs: [Double], targets: [Double], lower: Double, upper: Double)
        throws(AttentionPoolingError) -> (w: Double, loss: Double)
    {
        let sample = try validatedSample(inputs: inputs, targets: targets)
        guard lower > 0, upper.isFinite, lower < upper else { throw .invalidGrid(lower: lower, upper: upper, count: 0) }
        let (thetaLower, thetaUpper) = (_log(lower), _log(upper))
        let count = max(9, Int((8 * (thetaUpper - thetaLower) / _log(10)).rounded(.up)) + 1)
        let grid = (0..<count).map { thetaLower + (thetaUpper - thetaLower) * Double($0) / Double(count - 1) }
        let losses = grid.map { evaluate(sample, w: _exp($0), gradient: false).loss }
        let best = losses.indices.min { (losses[$0], $0) < (losses[$1], $1) } ?? 0
        var refined: (w: Double, loss: Double)?
        for k in 1..<(count - 1) where losses[k] <= losses[k - 1] && losses[k] <= losses[k + 1] {
            let theta = refine(sample, from: grid[k - 1], to: grid[k + 1])
            let loss = evaluate(sample, w: _exp(theta), gradient: false).loss
            if refined.map({ loss < $0.loss }) ?? true { refined = (_exp(theta), loss) }
        }
        let end = (w: _exp(grid[best]), loss: losses[best])
        guard let refined else { return end }
        return (best == 0 || best == count - 1) && end.loss <= refined.loss ? end : refined
    }

    /// L(w) and dL/dw for the leave-one-out loss, as `WidthObjective.lossAndGradient(w: [w])` computes them densely.
    ///
    /// - Parameters: inputs and targets as in `select`; w a finite number > 0.
    /// - Throws: `AttentionPoolingError` for bad inputs or w.
    public static func lossAndGradient(inputs: [Double], targets: [Double], w: Double)
        throws(AttentionPoolingError) -> (loss: Double, gradient: Double)
    {
        let sample = try validatedSample(inputs: inputs, targets: targets)
        try validateWidth(w)
        let result = evaluate(sample, w: w, gradient: true)
        return (result.loss, result.slope / w)
    }

    private static func validatedSample(inputs: [Double], targets: [Double]) throws(AttentionPoolingError)
        -> SortedSample
    {
        try validateScalarInputs(queries: inputs, keys: inputs, values: targets, leaveOneOut: true)
        guard inputs.count >= 2 else { throw .tooFewKeysForLeaveOneOut(inputs.count) }
        return SortedSample(keys: inputs, values: targets)
    }

    /// L(w) and, with `gradient`, dL/dθ (θ = log w); 0 otherwise.
    private static func evaluate(_ sample: SortedSample, w: Double, gradient: Bool) -> (loss: Double, slope: Double) {
        let plan = FastGaussPlan(sample: sample, width: 1 / w, tolerance: 1e-12, leaveOneOut: true,
                                 derivatives: gradient)
        // Each pair's terms on every core, then added up in the pairs' order: the same bits with any number of threads.
        let terms = onEveryCore(sample.keys.count) { i -> (loss: Double, slope: Double) in
            let sums = plan.sums(query: sample.keys[i], excluding: i)
            let f = sums.value / sums.weight
            let residual = f - sample.values[i]
            let slope = gradient ? 2 * residual * (sums.squareValue - f * sums.square) / sums.weight : 0
            return (residual * residual, slope)
        }
        var (loss, slope) = (0.0, 0.0)
        for term in terms {
            loss += term.loss
            slope -= term.slope
        }
        return (loss, slope)
    }

    /// The θ in [a, b] where dL/dθ = 0 (Illinois regula falsi), or L's minimum there by golden-section search when
    /// the slope does not go from negative to positive across the bracket.
    private static func refine(_ sample: SortedSample, from start: Double, to end: Double) -> Double {
        let slope = { (theta: Double) in evaluate(sample, w: _exp(theta), gradient: true).slope }
        var (a, b) = (start, end)
        var (slopeA, slopeB) = (slope(a), slope(b))
        guard slopeA < 0, slopeB > 0 else {  // L's minimum in the bracket instead, to a bracket of 1e-9
            return goldenSectionMinimum(of: { evaluate(sample, w: _exp($0), gradient: false).loss }, in: a...b,
                                        tolerance: 1e-9)
        }
        var side = 0
        while b - a > 1e-11 {
            var c = b - slopeB * (b - a) / (slopeB - slopeA)
            if !(c > a && c < b) { c = (a + b) / 2 }
            let slopeC = slope(c)
            if slopeC == 0 { return c }
            if slopeC < 0 {
                (a, slopeA) = (c, slopeC)
                if side == -1 { slopeB /= 2 }
                side = -1
            } else {
                (b, slopeB) = (c, slopeC)
                if side == 1 { slopeA /= 2 }
                side = 1
            }
        }
        return abs(slopeA) < abs(slopeB) ? a : b
    }
}
