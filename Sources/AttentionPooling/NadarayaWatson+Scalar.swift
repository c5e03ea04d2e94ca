// The pooling of scalar keys, queries and values (the book's regression, d = p = 1), without building a one-element
// array per key: the same arithmetic in the same order as `NadarayaWatson.pool`, through the same `Softmax`, so the
// results are bit for bit the general path's, but a million keys cost milliseconds per query, not a gigabyte of arrays.

extension NadarayaWatson {
    // snippet: estimator
    /// `pool(queries:keys:values:leaveOneOut:keyGroups:)` for scalars, any width but per-coordinate. (11.2.2)'s
    /// fraction α(q, kᵢ) / Σⱼ α(q, kⱼ) is the softmax of the log-kernel values ℓᵢ = log α(|q − kᵢ| / σᵢ); `Softmax`
    /// subtracts the largest before exponentiating, so a very narrow kernel still gives its nearest key (or tied
    /// nearest keys) all the weight instead of 0/0. A query with no key in reach (every ℓᵢ = −∞) is undefined: nil.
    func poolScalars(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool,
                     keyGroups: [Range<Int>]?) throws(AttentionPoolingError) -> AttentionPoolingResult {
        try validateScalars(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        if case .perKey(let widths) = width, widths.count != keys.count {
            throw .keyWidthCountMismatch(keys: keys.count, widths: widths.count)
        }
        try Self.checkKeyGroups(keyGroups, keys: keys.count)
        var weightRows: [[Double]?] = []
        var estimates: [[Double]?] = []
        for (q, query) in queries.enumerated() {
            let logits = keys.indices.map { i in
                leaveOneOut && i == q
                    ? -Double.infinity
                    : kernel.logWeight(scaledDistance: abs(query - keys[i]) / width.sigma(0) / width.keyWidth(i))
            }
            // Validated inputs give logits that are finite or −∞, which Softmax takes without complaint.
            guard let weights = (try? Softmax.weights(logits)) ?? nil else {
                weightRows.append(nil)
                estimates.append(nil)
                continue
            }
            let pooled = zip(weights, values).reduce(0.0) { sum, pair in pair.0 > 0 ? sum + pair.0 * pair.1 : sum }
            weightRows.append(keyGroups.map { groups in groups.map { weights[$0].reduce(0, +) } } ?? weights)
            estimates.append([pooled])
        }
        return AttentionPoolingResult(weights: weightRows, pooledValues: estimates)
    }
    // end snippet

    /// The checks of `pool` for scalar inputs: keys present, one value per key, queries as keys for leave-one-out,
    /// every number finite.
    func validateScalars(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool)
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

    /// Key groups, when given, must be consecutive ranges covering 0..<keys in order.
    static func checkKeyGroups(_ keyGroups: [Range<Int>]?, keys: Int) throws(AttentionPoolingError) {
        guard let keyGroups else { return }
        if keyGroups.first?.lowerBound != 0 || keyGroups.last?.upperBound != keys
            || zip(keyGroups, keyGroups.dropFirst()).contains(where: { $0.upperBound != $1.lowerBound }) {
            throw .invalidKeyGroups
        }
    }
}
