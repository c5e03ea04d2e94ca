// The pooling of scalar keys, queries and values (the book's regression, d = p = 1), without building a one-element
// array per key: the same arithmetic in the same order as `NadarayaWatson.pool` and `Softmax.weights`, so the results
// are bit for bit the general path's, but a million keys cost milliseconds per query, not a gigabyte of arrays.

extension NadarayaWatson {
    // snippet: estimator
    /// `pool(queries:keys:values:leaveOneOut:keyGroups:)` for scalars, any width but per-coordinate.
    func poolScalars(queries: [Double], keys: [Double], values: [Double], leaveOneOut: Bool,
                     keyGroups: [Range<Int>]?) throws(AttentionPoolingError) -> AttentionPoolingResult {
        try validateScalars(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        if case .perKey(let widths) = width, widths.count != keys.count {
            throw .keyWidthCountMismatch(keys: keys.count, widths: widths.count)
        }
        try Self.checkKeyGroups(keyGroups, keys: keys.count)
        let sigma = width.sigma(0)
        var shifted = [Double](repeating: 0, count: keys.count)
        var weightRows: [[Double]?] = []
        var estimates: [[Double]?] = []
        for (q, query) in queries.enumerated() {
            var largest = -Double.infinity
            for i in keys.indices {
                let logit = leaveOneOut && i == q
                    ? -Double.infinity
                    : kernel.logWeight(scaledDistance: abs(query - keys[i]) / sigma / width.keyWidth(i))
                shifted[i] = logit
                largest = max(largest, logit)
            }
            guard largest > -.infinity else {
                weightRows.append(nil)
                estimates.append(nil)
                continue
            }
            var total = 0.0
            for i in keys.indices {
                shifted[i] = _exp((shifted[i] - largest) / 1)
                total += shifted[i]
            }
            var pooled = 0.0
            for i in keys.indices {
                shifted[i] /= total
                if shifted[i] > 0 { pooled += shifted[i] * values[i] }
            }
            weightRows.append(keyGroups.map { groups in groups.map { shifted[$0].reduce(0, +) } } ?? shifted)
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
