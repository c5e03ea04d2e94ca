/// Nadaraya–Watson attention pooling, D2L (11.2.2):
///
///     f(q) = Σᵢ vᵢ · α(q, kᵢ) / Σⱼ α(q, kⱼ)
///
/// A query q attends to every key kᵢ through a similarity kernel α; the normalised similarities are the
/// attention weights, and the estimate is the weighted average of the values vᵢ. Keys and queries are points in R^d
/// (d ≥ 1), values are vectors in R^p (p = 1 for regression; one-hot vectors give class probabilities).
///
/// Example (three keys on a line, Gaussian kernel of width 1):
///
///     let nw = try NadarayaWatson(kernel: .gaussian)
///     let result = try nw.pool(queries: [0.0], keys: [-1.0, 0.0, 1.0], values: [0.0, 1.0, 2.0])
///     result.weights[0]   // [0.274, 0.452, 0.274]
///     result.estimates[0] // 1.0
///
/// - Complexity: O(m·n·(d + p)) for m queries and n keys.
public struct NadarayaWatson: Sendable, Equatable {
    public let kernel: Kernel
    public let width: Width
    public let distance: Distance

    /// A pooling rule. Throws if a width is not a finite number > 0, or if the Minkowski p is not ≥ 1.
    public init(kernel: Kernel, width: Width = .scalar(1), distance: Distance = .euclidean)
        throws(AttentionPoolingError)
    {
        let sigmas = width.all
        guard !sigmas.isEmpty else { throw .noWidths }
        for sigma in sigmas { try validateWidth(sigma) }
        if case .minkowski(let p) = distance, !(p >= 1) { throw .invalidMinkowskiExponent(p) }
        (self.kernel, self.width, self.distance) = (kernel, width, distance)
    }

    // snippet: estimator
    /// Row `query` of the attention matrix: the weights of one query over all keys, (11.2.2)'s fraction
    /// α(q, kᵢ) / Σⱼ α(q, kⱼ).
    ///
    /// The fraction is the softmax of the log-kernel values ℓᵢ = log α(q, kᵢ), and `Softmax` shifts them by their
    /// maximum before exponentiating, so a very narrow kernel still gives its nearest key (or tied nearest keys) all
    /// the weight instead of 0/0. Returns nil when the kernel gives no key any weight (boxcar or Epanechikov with
    /// nothing in reach): the estimate there is undefined, not 0. `excluding` leaves one key out (leave-one-out).
    /// Inputs are those `pool` validates.
    public func weights(query: [Double], keys: [[Double]], excluding excluded: Int? = nil) -> [Double]? {
        softmax(keys.indices.map { i in
            i == excluded ? -.infinity : logit(distance.scaled(query, keys[i], width: width), key: i)
        })
    }

    /// `weights(query:keys:excluding:)` for a scalar query and scalar keys, without a point per key.
    public func weights(query: Double, keys: [Double], excluding excluded: Int? = nil) -> [Double]? {
        softmax(keys.indices.map { i in
            i == excluded ? -.infinity : logit(abs(query - keys[i]) / width.sigma(0), key: i)
        })
    }

    /// ℓᵢ = log α for key i at a distance already divided by the (per-coordinate) width, and by key i's own width.
    private func logit(_ scaledDistance: Double, key i: Int) -> Double {
        kernel.logWeight(scaledDistance: scaledDistance / width.keyWidth(i))
    }

    /// The weights, or nil when every logit is −∞. Validated inputs give logits that are finite or −∞, which Softmax
    /// takes without complaint.
    private func softmax(_ logits: [Double]) -> [Double]? {
        (try? Softmax.weights(logits)) ?? nil
    }

    /// Pools `values` for every query, (11.2.2): the attention matrix (queries × keys) and the pooled values.
    ///
    /// - Parameters:
    ///   - queries: m points in R^d.
    ///   - keys: n ≥ 1 points in R^d, the same d as the queries (and as a per-coordinate width).
    ///   - values: n vectors in R^p, p ≥ 1, one per key.
    ///   - leaveOneOut: query i does not attend to key i. Needs m = n (the queries are the keys, as when scoring
    ///     a width on its own training set); a query whose only key in reach was itself becomes undefined.
    /// - Throws: `AttentionPoolingError` for empty keys, mismatched dimensions or counts, or non-finite inputs.
    /// - Complexity: O(m·n·(d + p)) time; the matrix takes m·n numbers (`estimates` needs none).
    public func pool(queries: [[Double]], keys: [[Double]], values: [[Double]], leaveOneOut: Bool = false)
        throws(AttentionPoolingError) -> AttentionPoolingResult
    {
        try validate(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        let p = values[0].count
        let rows = queries.indices.map { i in weights(query: queries[i], keys: keys, excluding: leaveOneOut ? i : nil) }
        let pooled = rows.map { row in
            row.map { weights in
                // Σᵢ αᵢ vᵢ, added in double-double so that values like 10⁸ ± 10⁻³ keep their last digits
                var sum = [CompensatedSum](repeating: .zero, count: p)
                for (weight, value) in zip(weights, values) where weight > 0 {
                    for j in 0..<p { sum[j] = sum[j].adding(weight * value[j]) }
                }
                return sum.map(\.value)
            }
        }
        return AttentionPoolingResult(weights: rows, pooledValues: pooled)
    }

    /// Scalar inputs and values (d = p = 1), as in the book's regression example: `pool` with the scalar `weights`.
    public func pool(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool = false)
        throws(AttentionPoolingError) -> AttentionPoolingResult
    {
        if case .perCoordinate = width {  // checked, and refused unless it has one coordinate, by the general path
            return try pool(queries: queries.map { [$0] }, keys: keys.map { [$0] }, values: values.map { [$0] },
                            leaveOneOut: leaveOneOut)
        }
        try validateScalars(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        if case .perKey(let widths) = width, widths.count != keys.count {
            throw .keyWidthCountMismatch(keys: keys.count, widths: widths.count)
        }
        let rows = queries.indices.map { i in weights(query: queries[i], keys: keys, excluding: leaveOneOut ? i : nil) }
        let pooled = rows.map { row in
            row.map { weights in
                [zip(weights, values).reduce(CompensatedSum.zero) { sum, pair in
                    pair.0 > 0 ? sum.adding(pair.0 * pair.1) : sum
                }.value]
            }
        }
        return AttentionPoolingResult(weights: rows, pooledValues: pooled)
    }
    // end snippet

    /// The leave-one-out mean squared error, (1/n) Σₙ (f₋ₙ(xₙ) − yₙ)²: how well each training label is predicted
    /// from the other pairs alone — the honest score of a width on its own training set. Queries left with no key
    /// in reach are skipped and counted, as in `meanSquaredError(estimates:truth:)`.
    public func leaveOneOutError(inputs: [[Double]], targets: [Double])
        throws(AttentionPoolingError) -> (mean: Double?, undefined: Int)
    {
        let estimates = try estimates(queries: inputs, keys: inputs, values: targets, leaveOneOut: true)
        return meanSquaredError(estimates: estimates, truth: targets)
    }

    private func validate(queries: [[Double]], keys: [[Double]], values: [[Double]], leaveOneOut: Bool)
        throws(AttentionPoolingError)
    {
        let d = try validatePointInputs(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).d
        if case .perCoordinate(let sigmas) = width, sigmas.count != d {
            throw .widthCountMismatch(dimension: d, widths: sigmas.count)
        }
        if case .perKey(let widths) = width, widths.count != keys.count {
            throw .keyWidthCountMismatch(keys: keys.count, widths: widths.count)
        }
    }
}

/// What `NadarayaWatson.pool` computes: the attention matrix and the pooled values, with undefined queries marked.
public struct AttentionPoolingResult: Sendable, Equatable {
    /// Row i: query i's attention weights over the n keys (nonnegative, summing to 1), or nil when no key was in
    /// the kernel's reach and the estimate is undefined.
    public let weights: [[Double]?]
    /// Row i: Σⱼ weights[i][j] · values[j], a vector in R^p, or nil where the weights are undefined.
    public let pooledValues: [[Double]?]

    /// The first coordinate of each pooled value: the regression estimate f(q) when p = 1.
    public var estimates: [Double?] { pooledValues.map { $0?.first } }

    /// The indices of the queries with no key in reach (their estimate is undefined).
    public var undefinedQueries: [Int] { weights.indices.filter { weights[$0] == nil } }
}
