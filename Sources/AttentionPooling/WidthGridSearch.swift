/// A grid search of L over one scalar w, to check what gradient descent finds.
public struct WidthGridSearch: Sendable, Equatable {
    /// The grid: `count` values of w spaced evenly in log w from `lower` to `upper`.
    public let grid: [Double]
    /// L at each grid point.
    public let losses: [Double]
    /// The grid point with the smallest loss (the first one on a tie).
    public let bestOnGrid: Double
    /// `bestOnGrid` refined by golden-section search in log w between its two grid neighbours (40 iterations,
    /// which shrink the bracket by 0.618⁴⁰ ≈ 4·10⁻⁹); equal to `bestOnGrid` when that is the first or last grid point.
    public let refined: Double
}

extension WidthObjective {
    /// L(w) for one scalar w on `count` log-spaced points of [lower, upper], its smallest point and a refinement.
    ///
    /// - Parameters: 0 < lower < upper, both finite; count ≥ 3 (the chapter's check uses 400 points).
    /// - Throws: `.invalidGrid` for bad bounds or count, `.notFinite(w:)` if L overflows at a grid point.
    /// - Complexity: O((count + 40) · n²·d).
    public func gridSearch(lower: Double, upper: Double, count: Int = 400) throws(AttentionPoolingError)
        -> WidthGridSearch
    {
        guard lower > 0, upper.isFinite, lower < upper, count >= 3 else {
            throw .invalidGrid(lower: lower, upper: upper, count: count)
        }
        let (logLower, logUpper) = (_log(lower), _log(upper))
        let grid = (0..<count).map { i in _exp(logLower + (logUpper - logLower) * Double(i) / Double(count - 1)) }
        var losses: [Double] = []
        for w in grid { losses.append(try loss(w: [w])) }
        let best = losses.indices.min { (losses[$0], $0) < (losses[$1], $1) } ?? 0
        guard best > 0, best < count - 1 else {
            return WidthGridSearch(grid: grid, losses: losses, bestOnGrid: grid[best], refined: grid[best])
        }
        // Golden-section search on θ = log w over the bracket [θ_{best−1}, θ_{best+1}].
        let refined = try goldenSectionMinimum(
            of: { (theta: Double) throws(AttentionPoolingError) in try loss(w: [_exp(theta)]) },
            in: _log(grid[best - 1])..._log(grid[best + 1]), iterations: 40)
        return WidthGridSearch(grid: grid, losses: losses, bestOnGrid: grid[best], refined: _exp(refined))
    }
}
