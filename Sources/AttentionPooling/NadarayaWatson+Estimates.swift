/// Choosing how to compute the estimates alone — when nobody needs the attention matrix, a fast path does the same
/// sum (11.2.2) without it. Every path gives `pool`'s estimates: the dense engine and the windowed sums to about
/// 1e-14, the fast Gauss transform within its bound (relative 1e-10 of the values' scale).
///
/// | problem                                   | path                                        | cost            |
/// |-------------------------------------------|---------------------------------------------|-----------------|
/// | 1-D, boxcar or Epanechikov, scalar width  | `WindowedKernels` (prefix sums, sorted keys) | O((n + m) log n) |
/// | 1-D Gaussian, scalar width, m·n ≥ 10⁸     | `FastGaussTransform`                        | O(n + m) · p     |
/// | scalar width, Euclidean (or d = 1)        | `DenseEngine` (SIMD, both cores)            | O(m·n·d)        |
/// | per-coordinate or per-key widths, Minkowski in d > 1 | `pool`, the reference            | O(m·n·d)        |
extension NadarayaWatson {
    /// f(q) of (11.2.2) for every query, nil where no key is in reach: `pool(...).estimates`, computed the fastest
    /// way the problem allows. Scalar values (p = 1).
    /// - Throws: `AttentionPoolingError` for the inputs `pool` refuses.
    public func estimates(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool = false)
        throws(AttentionPoolingError) -> [Double?]
    {
        guard case .scalar(let sigma) = width else {
            return try pool(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).estimates
        }
        try validateScalars(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        switch kernel {
        case .boxcar, .epanechikov:
            if let sums = try? WindowedKernels.estimates(
                queries: queries, keys: keys, values: values, kernel: kernel, width: sigma, leaveOneOut: leaveOneOut) {
                return sums
            }
        case .gaussian where Double(queries.count) * Double(keys.count) >= 1e8:
            if let transform = try? FastGaussTransform.estimates(
                queries: queries, keys: keys, values: values, width: sigma, leaveOneOut: leaveOneOut) {
                return transform.map(Optional.some)
            }
        case .gaussian, .constant:
            break
        }
        return try DenseEngine.estimates(queries: queries, keys: keys, values: values, kernel: kernel, width: sigma,
                                         leaveOneOut: leaveOneOut)
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
}
