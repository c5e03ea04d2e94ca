/// One entry point for the estimates alone — when nobody needs the attention matrix, the same sum (11.2.2) can be
/// computed without it. `path(queries:keys:)` is the cost model; every path gives `pool`'s estimates, the reference's:
/// the dense engine and the windowed sums within 1e-12 of the values' scale (tested; about 1e-14 measured), the fast
/// Gauss transform within its bound (1e-10 of the values' scale). Each is tested against `pool`.
///
/// | problem                                           | path                                            | cost            |
/// |---------------------------------------------------|-------------------------------------------------|-----------------|
/// | m·n ≤ 10⁵, or per-key widths                      | `.reference`: `pool`, the code the page shows   | O(m·n)          |
/// | 1-D, boxcar or Epanechikov, scalar width          | `.windowed`: sums between the windows' edges     | O(n + m)        |
/// | 1-D Gaussian, scalar width, m ≥ 8 queries         | `.fastGauss`: the fast Gauss transform          | O(n + m)        |
/// | constant kernel, scalar width                     | `.mean`: the mean of the values                 | O(n + m)        |
/// | otherwise (scalar width)                          | `.dense`: the lane engine on both cores         | O(m·n)          |
public enum EstimatorPath: String, Sendable, Equatable {
    case reference, windowed, fastGauss, mean, dense

    /// How the page names the path.
    public var name: String {
        switch self {
        case .reference: "the reference estimator"
        case .windowed: "windowed sums (the keys counted between the queries' window edges)"
        case .fastGauss: "the fast Gauss transform"
        case .mean: "the mean of the values (every weight alike)"
        case .dense: "the dense engine"
        }
    }
}

extension NadarayaWatson {
    /// Which path `estimates(queries:keys:values:leaveOneOut:)` takes for m scalar queries and n scalar keys.
    public func path(queries m: Int, keys n: Int) -> EstimatorPath {
        guard case .scalar = width, Double(m) * Double(n) > 1e5 else { return .reference }  // per-key widths too
        switch kernel {
        case .boxcar, .epanechikov: return .windowed
        // The transform costs about as much as 8 dense queries at n = 10⁴, 2–4 at n = 10⁵–10⁶ (measured 2026-12-01).
        case .gaussian where m >= 8: return .fastGauss
        case .constant: return .mean
        case .gaussian: return .dense
        }
    }

    /// f(q) of (11.2.2) for every query, nil where no key is in reach: `pool(...).estimates`, computed on the path
    /// `path(queries:keys:)` chooses. Scalar values (p = 1).
    /// - Throws: `AttentionPoolingError` for the inputs `pool` refuses.
    public func estimates(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool = false)
        throws(AttentionPoolingError) -> [Double?]
    {
        try estimatesAndPath(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).estimates
    }

    /// `estimates(queries:keys:values:leaveOneOut:)` and the path that computed them: the one `path(queries:keys:)`
    /// chose, or `.dense` when a fast path refused the data (keys so spread or so many that its error bound fails).
    public func estimatesAndPath(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool = false)
        throws(AttentionPoolingError) -> (estimates: [Double?], path: EstimatorPath)
    {
        try validateScalars(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        let chosen = path(queries: queries.count, keys: keys.count)
        switch (chosen, width) {
        case (.reference, _), (_, .perKey), (_, .perCoordinate):
            return (try pool(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).estimates, .reference)
        case (.windowed, .scalar(let sigma)):
            if let sums = try? WindowedKernels.estimates(
                queries: queries, keys: keys, values: values, kernel: kernel, width: sigma, leaveOneOut: leaveOneOut) {
                return (sums, .windowed)
            }
        case (.fastGauss, .scalar(let sigma)):
            if let transform = try? FastGaussTransform.estimates(
                queries: queries, keys: keys, values: values, width: sigma, leaveOneOut: leaveOneOut) {
                // NaN is the transform's "undefined": its far queries, the dense engine's, where every distance
                // overflows. With leave-one-out (no such hand-over) the dense engine redoes the whole problem instead.
                if !leaveOneOut || transform.allSatisfy(\.isFinite) {
                    return (transform.map { $0.isFinite ? $0 : nil }, .fastGauss)
                }
            }
        case (.mean, _):
            return (Self.constantKernelEstimates(queries: queries.count, values: values, leaveOneOut: leaveOneOut), .mean)
        case (.dense, _):
            break
        }
        return (try DenseEngine.estimates(queries: queries, keys: keys, values: values, kernel: kernel,
                                          width: width.sigma(0), leaveOneOut: leaveOneOut), .dense)
    }

    /// The constant kernel's estimates in O(n + m): every key has the same weight, so f(q) is the mean of the values
    /// for every query, and (Σⱼ vⱼ − vᵢ) / (n − 1) for query i leaving out key i (undefined when n = 1, no key left).
    /// The sum is compensated (`CompensatedSum`), so the mean is the correctly rounded one up to about 2⁻¹⁰⁶ · Σ|vⱼ|.
    static func constantKernelEstimates(queries m: Int, values: [Double], leaveOneOut: Bool) -> [Double?] {
        let n = Double(values.count)
        let total = values.reduce(CompensatedSum.zero) { $0.adding($1) }
        guard leaveOneOut else { return Array(repeating: (total.hi + total.lo) / n, count: m) }
        guard values.count > 1 else { return Array(repeating: nil, count: m) }
        return values.map { value in
            let rest = total.adding(-value)
            return (rest.hi + rest.lo) / (n - 1)
        }
    }

    /// The estimates for keys in R^d with scalar values: the dense engine for a scalar width and the Euclidean
    /// distance, `pool` otherwise.
    public func estimates(queries: [[Double]], keys: [[Double]], values: [Double], leaveOneOut: Bool = false)
        throws(AttentionPoolingError) -> [Double?]
    {
        let euclidean = distance == .euclidean || distance == .minkowski(p: 2) || keys.first?.count == 1
        guard case .scalar(let sigma) = width, euclidean else {
            return try pool(queries: queries, keys: keys, values: values.map { [$0] }, leaveOneOut: leaveOneOut)
                .estimates
        }
        return try DenseEngine.estimates(queries: queries, keys: keys, values: values.map { [$0] }, kernel: kernel,
                                         width: sigma, leaveOneOut: leaveOneOut).map { $0?.first }
    }

    /// The checks of `pool` for scalar inputs (`validateScalarInputs`).
    func validateScalars(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool)
        throws(AttentionPoolingError)
    {
        try validateScalarInputs(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
    }
}

/// The one validation of scalar queries, keys and values, for every path: keys present, one value per key, queries
/// as keys for leave-one-out, every number finite (keys first, then queries, then values).
func validateScalarInputs(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool)
    throws(AttentionPoolingError)
{
    guard !keys.isEmpty else { throw .noKeys }
    guard values.count == keys.count else { throw .valueCountMismatch(keys: keys.count, values: values.count) }
    if leaveOneOut, queries.count != keys.count {
        throw .leaveOneOutNeedsQueriesAsKeys(queries: queries.count, keys: keys.count)
    }
    for (role, numbers) in [("key", keys), ("query", queries), ("value", values)] {
        if let index = numbers.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: role, index: index) }
    }
}

/// The one validation of queries, keys and values that are points, for every path: keys present, keys and values
/// with at least one coordinate, one value per key, queries as keys for leave-one-out, every query and key of the
/// keys' dimension d and every value of the first value's dimension p, every number finite (keys first, then
/// queries, then values). Returns d and p.
@discardableResult
func validatePointInputs(queries: [[Double]], keys: [[Double]], values: [[Double]], leaveOneOut: Bool)
    throws(AttentionPoolingError) -> (d: Int, p: Int)
{
    guard let d = keys.first?.count else { throw .noKeys }
    guard d > 0 else { throw .emptyPoint(role: "key") }
    guard values.count == keys.count else { throw .valueCountMismatch(keys: keys.count, values: values.count) }
    guard let p = values.first?.count, p > 0 else { throw .emptyPoint(role: "value") }
    if leaveOneOut, queries.count != keys.count {
        throw .leaveOneOutNeedsQueriesAsKeys(queries: queries.count, keys: keys.count)
    }
    for (role, points, length) in [("key", keys, d), ("query", queries, d), ("value", values, p)] {
        for (index, point) in points.enumerated() {
            guard point.count == length else {
                throw .dimensionMismatch(role: role, index: index, expected: length, found: point.count)
            }
            guard point.allSatisfy(\.isFinite) else { throw .nonFinite(role: role, index: index) }
        }
    }
    return (d, p)
}

/// The one check of a single width: a finite number greater than 0 (a σ, a w = 1/σ, or a pilot width).
func validateWidth(_ width: Double) throws(AttentionPoolingError) {
    guard width > 0, width.isFinite else { throw .invalidWidth(width) }
}
