extension NadarayaWatson {
    /// The rows of the attention matrix for scalar queries and keys, each handed to `summarise` as soon as it is
    /// computed — for a heatmap of many keys, which draws a summary of each row (its weights summed over groups of
    /// neighbouring keys, say), not the m × n matrix itself. Only one row of n weights per core exists at a time.
    ///
    /// Row i is `weights(query: queries[i], keys: keys)`, the reference's weights α(q, kᵢ) / Σⱼ α(q, kⱼ), nil where
    /// no key is in reach. Computed by the reference when `path(queries:keys:)` chooses it (up to 10⁵ kernel values,
    /// per-key widths), otherwise by the dense engine's loops (`DenseBlock.weights(query:)`: the same weights within
    /// a few ulp each, the test `attentionRowsOfEveryPathEqualTheReferenceWeights`). The rows are computed on every
    /// core; the result is in the queries' order and the same bits whatever the number of threads.
    ///
    /// - Returns: `summarise(row)` for each query's row, nil where the row is undefined; and the path that ran,
    ///   `.reference` or `.dense`.
    /// - Throws: `AttentionPoolingError` for the inputs `pool` refuses (no keys, a non-finite number).
    public func attentionRows<Summary: Sendable>(
        queries: [Double], keys: [Double], summarise: @Sendable ([Double]) -> Summary
    ) throws(AttentionPoolingError) -> (rows: [Summary?], path: EstimatorPath) {
        try validateScalars(queries: queries, keys: keys, values: keys, leaveOneOut: false)
        if case .perKey(let widths) = width, widths.count != keys.count {
            throw .keyWidthCountMismatch(keys: keys.count, widths: widths.count)
        }
        guard path(queries: queries.count, keys: keys.count) != .reference, case .scalar(let sigma) = width else {
            return (onEveryCore(queries.count) { i in weights(query: queries[i], keys: keys).map(summarise) }, .reference)
        }
        let problem = DenseProblem(queries: queries, keys: keys, values: [], kernel: kernel, width: sigma,
                                   leaveOneOut: false)
        return (onEveryCore(queries.count) { i in
            DenseBlock(problem: problem, queries: i..<(i + 1)).weights(query: i).map(summarise)
        }, .dense)
    }
}
